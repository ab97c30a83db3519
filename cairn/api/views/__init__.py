"""The API's views: thin, as the pages' (parse, check the same permission, call one selector or
service, shape the answer). See ADR 0026."""
