package org.sw4j.core.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sw4j.webapi.url.Url;

/** Match Service Worker Registration: the longest scope that prefixes the client's URL. */
class ScopeToRegistrationMapTest {
    @Test
    void theLongestMatchingScopeWins() {
        ScopeToRegistrationMap<String> map = new ScopeToRegistrationMap<>();
        map.put(Url.parse("https://app.test/"), "root");
        map.put(Url.parse("https://app.test/shop/"), "shop");
        map.put(Url.parse("https://app.test/shop/cart"), "cart");
        assertThat(map.match(Url.parse("https://app.test/about"))).contains("root");
        assertThat(map.match(Url.parse("https://app.test/shop/item?id=1"))).contains("shop");
        assertThat(map.match(Url.parse("https://app.test/shop/cart/checkout"))).contains("cart");
        // A plain string prefix, as the spec says.
        assertThat(map.match(Url.parse("https://app.test/shop/cartography"))).contains("cart");
        assertThat(map.match(Url.parse("https://other.test/shop/"))).isEmpty();
    }

    @Test
    void registrationsAreKeptByExactScope() {
        ScopeToRegistrationMap<String> map = new ScopeToRegistrationMap<>();
        map.put(Url.parse("https://app.test/a/#frag"), "a");
        assertThat(map.get(Url.parse("https://app.test/a/"))).contains("a");
        assertThat(map.get(Url.parse("https://app.test/a"))).isEmpty();
        map.put(Url.parse("https://app.test/a/"), "a2");
        assertThat(map.values()).containsExactly("a2");
        assertThat(map.remove(Url.parse("https://app.test/a/"))).isTrue();
        assertThat(map.remove(Url.parse("https://app.test/a/"))).isFalse();
        assertThat(map.match(Url.parse("https://app.test/a/b"))).isEmpty();
    }
}
