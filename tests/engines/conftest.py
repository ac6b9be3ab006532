import sys
from pathlib import Path

# The engine helpers are plain modules beside the tests, imported by name.
sys.path.insert(0, str(Path(__file__).resolve().parent))
