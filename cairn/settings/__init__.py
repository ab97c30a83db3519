"""Settings: `base` reads the environment; `dev`, `test` and `production` specialise it."""
