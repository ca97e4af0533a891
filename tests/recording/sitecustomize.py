"""Loaded by every Python process the tests start (conftest puts this folder on PYTHONPATH):
records the id of every finding made, so that the suite can prove each rule fires."""
import os

if os.environ.get("NIANBAO_FIRED_RULES"):
    try:
        from fired_rules import record
    except ImportError:  # pragma: no cover - the folder was left on a path by accident
        pass
    else:
        record(os.environ["NIANBAO_FIRED_RULES"])
