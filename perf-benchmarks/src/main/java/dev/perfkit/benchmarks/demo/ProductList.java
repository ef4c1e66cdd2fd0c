package dev.perfkit.benchmarks.demo;

import java.util.List;

/** A category page's products: a named type, so a JSON codec binds it without default typing. */
record ProductList(List<Product> items) {
    ProductList {
        items = List.copyOf(items);
    }
}
