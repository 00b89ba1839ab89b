import shop
from shop.cart import sample as make_sample

square = lambda x: x * x


def report(cart):
    for item, qty in cart.lines:
        print(item.label(), square(qty))
    return cart.total()


def print_total(cart):
    print(cart.total())


def pick(flag):
    if flag:
        handler = report
    else:
        handler = print_total
    return handler(make_sample())


def main():
    cart = make_sample()
    extra = shop.Item("café", 3)
    cart.add(extra)
    return report(cart)


if __name__ == "__main__":
    main()
