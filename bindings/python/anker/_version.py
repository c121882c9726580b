# SPDX-License-Identifier: GPL-3.0-or-later
"""Version of this binding and the libanker versions it works with."""

__version__ = "1.0.0"

# The binding declares functions of libanker 1.0 (the ANKER_1.0 symbol node).
# Any 1.x library at or above this version has all of them.
LIBRARY_MAJOR = 1
LIBRARY_MINIMUM = "1.0.0"
