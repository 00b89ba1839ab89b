# Prices in euros (€): non-ASCII text shifts byte offsets away from character offsets.
import functools


def logged(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper


class Item:
    def __init__(self, name, price):
        self.name = name
        self.price = price

    def total(self, qty):
        return self.price * qty

    def label(self):
        return f"{self.name} — {self.price} €"


class Discounted(Item):
    def __init__(self, name, price, rate):
        super().__init__(name, price)
        self.rate = rate

    @logged
    def total(self, qty):
        return super().total(qty) * (1 - self.rate)
