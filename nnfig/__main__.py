import sys

from nnfig.cli import main

sys.exit(main())
