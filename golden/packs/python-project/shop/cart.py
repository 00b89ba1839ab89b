from . import catalog
from .catalog import Item as Base


class Cart:
    def __init__(self):
        self.lines = []

    def add(self, item, qty=1):
        self.lines.append((item, qty))
        return self

    def total(self):
        return sum(item.total(qty) for item, qty in self.lines)


def sample():
    cart = Cart()
    cart.add(Base("pen", 2)).add(catalog.Discounted("book", 10, 0.25), 2)
    return cart
