import sys

from guantong_tools.cli import main  # the command line lives with the staff tools

sys.exit(main())
