from cairn.protection.tests.fixtures import (  # noqa: F401
    chair,
    child,
    cp_plan,
    episode,
    icpc,
    manager,
    pinned_today,
    s47,
    strategy,
    worker,
)
