"""gunicorn settings read from the working directory (ADR 0024: nothing sensitive in logs).

Access logging stays off unless `--access-logfile` is given; when it is on, each line keeps the
path without the query string (`%(U)s`, not `%(r)s`): search is a GET form, so its query can hold
a child's name, birth date or NHS number. The Referer header (`%(f)s`), which can carry a search
address, and the Authorization header (an API token) are never logged.
"""

access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s'
