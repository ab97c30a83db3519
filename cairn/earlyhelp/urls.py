"""Early help URLs."""

app_name = "earlyhelp"
urlpatterns: list = []
