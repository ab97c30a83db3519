"""Page-number pagination with a bounded page size (ADR 0026). A page or size that is not a
positive whole number, or a page past the last, is a 400 naming the parameter."""

from django.core.paginator import InvalidPage
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 100
MAX_PAGE = 1_000_000


def _positive(request, name: str, default: int, cap: int) -> int:
    text = request.query_params.get(name)
    if text is None:
        return default
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= cap:
        raise exceptions.ValidationError({name: [f"Enter a whole number from 1 to {cap}."]})
    return int(text)


class ApiPagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request) -> int:
        return _positive(request, self.page_size_query_param, self.page_size, MAX_PAGE_SIZE)

    def paginate_queryset(self, queryset, request, view=None):
        page_size = self.get_page_size(request)
        number = _positive(request, self.page_query_param, 1, MAX_PAGE)
        paginator = self.django_paginator_class(queryset, page_size)
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            last = paginator.num_pages
            raise exceptions.ValidationError(
                {self.page_query_param: [f"There is no page {number}: the last is {last}."]}
            ) from None
        self.request = request
        return list(self.page)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": MAX_PAGE})
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": MAX_PAGE_SIZE})
        return parameters
