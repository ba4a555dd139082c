package org.sw4j.core.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.url.Url;

/** Start Register's URL steps, Register's origin checks and Update's maximum scope. */
class ScopeRulesTest {
    private static final Url PAGE = Url.parse("https://app.test/shop/index.html");

    private static String jsName(Throwable e) {
        return ((WebError) e).jsName();
    }

    @Test
    void theDefaultScopeIsTheScriptsDirectoryAndFragmentsAreDropped() {
        RegistrationUrls urls = ScopeRules.startRegister("js/sw.js#v1", null, PAGE);
        assertThat(urls.script().href()).isEqualTo("https://app.test/shop/js/sw.js");
        assertThat(urls.scope().href()).isEqualTo("https://app.test/shop/js/");
        assertThat(ScopeRules.startRegister("/sw.js", "./#x", PAGE).scope().href()).isEqualTo("https://app.test/shop/");
    }

    @Test
    void badUrlsAreTypeErrors() {
        assertThatThrownBy(() -> ScopeRules.startRegister("http://[bad", null, PAGE))
                .satisfies(e -> assertThat(jsName(e)).isEqualTo("TypeError")).hasMessageContaining("invalid script URL");
        assertThatThrownBy(() -> ScopeRules.startRegister("data:text/javascript,1", null, PAGE))
                .satisfies(e -> assertThat(jsName(e)).isEqualTo("TypeError")).hasMessageContaining("not http or https");
        assertThatThrownBy(() -> ScopeRules.startRegister("/a%2Fb/sw.js", null, PAGE))
                .satisfies(e -> assertThat(jsName(e)).isEqualTo("TypeError")).hasMessageContaining("escaped");
        assertThatThrownBy(() -> ScopeRules.startRegister("/sw.js", "/x%5cy/", PAGE))
                .satisfies(e -> assertThat(jsName(e)).isEqualTo("TypeError")).hasMessageContaining("scope URL's path");
        assertThatThrownBy(() -> ScopeRules.startRegister("/sw.js", "ftp://app.test/", PAGE))
                .satisfies(e -> assertThat(jsName(e)).isEqualTo("TypeError"));
    }

    @Test
    void registeringNeedsATrustworthySameOriginScript() {
        ScopeRules.checkRegisterOrigins(ScopeRules.startRegister("/sw.js", null, PAGE), PAGE);
        Url local = Url.parse("http://localhost:8080/");
        ScopeRules.checkRegisterOrigins(ScopeRules.startRegister("/sw.js", null, local), local);
        Url loopback = Url.parse("http://127.3.4.5/");
        ScopeRules.checkRegisterOrigins(ScopeRules.startRegister("/sw.js", null, loopback), loopback);
        Url plain = Url.parse("http://app.test/");
        assertThatThrownBy(() -> ScopeRules.checkRegisterOrigins(ScopeRules.startRegister("/sw.js", null, plain), plain))
                .satisfies(e -> assertThat(jsName(e)).isEqualTo("SecurityError"))
                .hasMessageContaining("not potentially trustworthy");
        assertThatThrownBy(() -> ScopeRules.checkRegisterOrigins(
                ScopeRules.startRegister("https://cdn.test/sw.js", null, PAGE), PAGE))
                .satisfies(e -> assertThat(jsName(e)).isEqualTo("SecurityError")).hasMessageContaining("script URL");
        assertThatThrownBy(() -> ScopeRules.checkRegisterOrigins(
                ScopeRules.startRegister("/sw.js", "https://other.test/", PAGE), PAGE))
                .satisfies(e -> assertThat(jsName(e)).isEqualTo("SecurityError")).hasMessageContaining("scope URL");
    }

    @Test
    void theScopeMustBeUnderTheMaximumScope() {
        Url script = Url.parse("https://app.test/shop/js/sw.js");
        ScopeRules.checkMaxScope(Url.parse("https://app.test/shop/js/"), script, null);
        ScopeRules.checkMaxScope(Url.parse("https://app.test/shop/js/deeper/"), script, null);
        assertThatThrownBy(() -> ScopeRules.checkMaxScope(Url.parse("https://app.test/shop/"), script, null))
                .satisfies(e -> assertThat(jsName(e)).isEqualTo("SecurityError"))
                .hasMessageContaining("'/shop/'").hasMessageContaining("'/shop/js/'");
        // Service-Worker-Allowed widens it, relative to the script, same origin only.
        ScopeRules.checkMaxScope(Url.parse("https://app.test/shop/"), script, "../");
        ScopeRules.checkMaxScope(Url.parse("https://app.test/"), script, " / ");
        assertThatThrownBy(() -> ScopeRules.checkMaxScope(Url.parse("https://app.test/"), script, "../"))
                .satisfies(e -> assertThat(jsName(e)).isEqualTo("SecurityError"));
        assertThatThrownBy(() -> ScopeRules.checkMaxScope(Url.parse("https://app.test/shop/"), script,
                "https://other.test/")).satisfies(e -> assertThat(jsName(e)).isEqualTo("SecurityError"))
                .hasMessageContaining("another origin");
    }
}
