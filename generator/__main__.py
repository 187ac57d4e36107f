import sys

from generator.tools.cli import main

sys.exit(main())
