"""A small shop: the fixture of the python-cpg golden case's data section."""
from .catalog import Item, Discounted
from .cart import Cart

__all__ = ["Item", "Discounted", "Cart"]
