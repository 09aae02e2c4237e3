"""The ``doorbraak`` command: Django's management commands with the project's settings.

``doorbraak migrate``, ``doorbraak load_demo`` and ``doorbraak runserver`` are the same as
``python manage.py …``; it exists so an installed platform needs no manage.py.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "doorbraak.config.settings.local")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
