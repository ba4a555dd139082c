package org.sw4j.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sw4j.core.routing.RouterConditionInit.UrlPatternCompatible;
import org.sw4j.webapi.error.WebError;
import org.sw4j.webapi.fetch.FetchRequest;
import org.sw4j.webapi.fetch.RequestDestination;
import org.sw4j.webapi.fetch.RequestMode;
import org.sw4j.webapi.url.Url;
import org.sw4j.webapi.urlpattern.UrlPattern;
import org.sw4j.webapi.urlpattern.UrlPatternInit;
import org.sw4j.webapi.urlpattern.UrlPatternOptions;

class RouterRulesTest {
    private static final Url SCRIPT = Url.parse("https://app.example/static/sw.js");
    private static final RouterConditionInit EMPTY = RouterConditionInit.EMPTY;

    private static RouterCondition verify(RouterConditionInit init) {
        return RouterRules.verify(init, SCRIPT);
    }

    private static FetchRequest request(String url) {
        return new FetchRequest(Url.parse(url));
    }

    private static UrlPatternCompatible text(String pattern) {
        return new UrlPatternCompatible.Text(pattern);
    }

    @Test
    void aStringUrlPatternIsRelativeToTheScript() {
        RouterCondition condition = verify(EMPTY.withUrlPattern(text("*.png")));
        assertThat(RouterRules.matches(condition, request("https://app.example/static/cat.png"), false)).isTrue();
        assertThat(RouterRules.matches(condition, request("https://app.example/other/cat.png"), false)).isFalse();
        assertThat(RouterRules.matches(condition, request("https://evil.example/static/cat.png"), false)).isFalse();

        RouterCondition absolute = verify(EMPTY.withUrlPattern(text("/api/*")));
        assertThat(RouterRules.matches(absolute, request("https://app.example/api/cats?x=1"), false)).isTrue();
    }

    @Test
    void anInitUrlPatternInheritsTheScriptUrlUnlessItHasABaseUrl() {
        RouterCondition inherited = verify(EMPTY.withUrlPattern(new UrlPatternCompatible.Init(
                UrlPatternInit.EMPTY.withPathname("/img/*"))));
        assertThat(RouterRules.matches(inherited, request("https://app.example/img/a.png"), false)).isTrue();
        assertThat(RouterRules.matches(inherited, request("https://other.example/img/a.png"), false)).isFalse();

        RouterCondition own = verify(EMPTY.withUrlPattern(new UrlPatternCompatible.Init(
                UrlPatternInit.EMPTY.withPathname("/img/*").withBaseURL("https://cdn.example/"))));
        assertThat(RouterRules.matches(own, request("https://cdn.example/img/a.png"), false)).isTrue();
    }

    @Test
    void verifyRejectsWhatTheSpecRejects() {
        assertThatThrownBy(() -> verify(EMPTY)).isInstanceOf(WebError.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> verify(EMPTY.withUrlPattern(text("/user/(\\d+)"))))
                .hasMessageContaining("regular expression");
        assertThatThrownBy(() -> verify(EMPTY.withUrlPattern(text("https://a.example/(")))).isInstanceOf(WebError.class);
        assertThatThrownBy(() -> verify(EMPTY.withRequestMethod("GE T"))).hasMessageContaining("not a method");
        assertThatThrownBy(() -> verify(EMPTY.withRequestMethod("connect"))).hasMessageContaining("forbidden");
        assertThatThrownBy(() -> verify(EMPTY.withRequestMode("navigate").withOr(List.of(EMPTY.withRequestMode("cors")))))
                .hasMessageContaining("'or'");
        assertThatThrownBy(() -> verify(EMPTY.withOr(List.of(EMPTY.withRequestMode("cors")))
                .withNot(EMPTY.withRequestMode("cors")))).hasMessageContaining("'not'");
        assertThatThrownBy(() -> verify(EMPTY.withNot(EMPTY))).hasMessageContaining("at least one");
        assertThatThrownBy(() -> verify(EMPTY.withOr(List.of(EMPTY.withRequestMode("cors"), EMPTY))))
                .hasMessageContaining("at least one");
        assertThat(verify(EMPTY.withOr(List.of()))).isEqualTo(new RouterCondition.Or(List.of()));
        for (RouterConditionInit condition : List.of(EMPTY.withRequestMethod("get"))) {
            WebError error = (WebError) org.assertj.core.api.Assertions.catchThrowable(() -> verify(condition.withRequestMode("x")));
            assertThat(error.jsName()).isEqualTo("TypeError");
        }
    }

    @Test
    void methodsAreNormalizedAndSeveralMembersMustAllMatch() {
        RouterCondition condition = verify(EMPTY.withRequestMethod("post").withRequestMode("cors")
                .withRequestDestination("").withRunningStatus("running"));
        assertThat(condition).isInstanceOf(RouterCondition.All.class);
        FetchRequest post = request("https://app.example/form");
        post.setMethod("POST");
        post.setMode(RequestMode.CORS);
        assertThat(RouterRules.matches(condition, post, true)).isTrue();
        assertThat(RouterRules.matches(condition, post, false)).isFalse();
        post.setMode(RequestMode.NO_CORS);
        assertThat(RouterRules.matches(condition, post, true)).isFalse();
        post.setMode(RequestMode.CORS);
        post.setDestination(RequestDestination.IMAGE);
        assertThat(RouterRules.matches(condition, post, true)).isFalse();
    }

    @Test
    void orAndNotCombine() {
        RouterCondition condition = verify(EMPTY.withOr(List.of(
                EMPTY.withUrlPattern(text("/a/*")),
                EMPTY.withNot(EMPTY.withRunningStatus("running")))));
        assertThat(RouterRules.matches(condition, request("https://app.example/a/1"), true)).isTrue();
        assertThat(RouterRules.matches(condition, request("https://app.example/b/1"), true)).isFalse();
        assertThat(RouterRules.matches(condition, request("https://app.example/b/1"), false)).isTrue();
    }

    @Test
    void theFirstMatchingRuleGivesTheSource() {
        List<RouterRule> rules = List.of(
                new RouterRule(verify(EMPTY.withUrlPattern(text("/api/*"))), RouterSource.NETWORK),
                new RouterRule(verify(EMPTY.withUrlPattern(text("/*"))), new RouterSource.Cache("v1")));
        assertThat(RouterRules.routerSource(rules, request("https://app.example/api/x"), false))
                .isEqualTo(RouterSource.NETWORK);
        assertThat(RouterRules.routerSource(rules, request("https://app.example/index.html"), false))
                .isEqualTo(new RouterSource.Cache("v1"));
        assertThat(RouterRules.routerSource(rules, request("https://other.example/"), false)).isNull();
    }

    @Test
    void theRegistrationLimitCountsConditionsAndDepth() {
        RouterConditionInit deep = EMPTY.withRequestMode("cors");
        for (int i = 0; i < 9; i++) {
            deep = EMPTY.withNot(deep);
        }
        RouterRule nine = new RouterRule(verify(deep), RouterSource.NETWORK);
        assertThat(RouterRules.checkRegistrationLimit(List.of(nine))).isTrue();
        RouterRule ten = new RouterRule(verify(EMPTY.withNot(deep)), RouterSource.NETWORK);
        assertThat(RouterRules.checkRegistrationLimit(List.of(ten))).isFalse();

        List<RouterRule> many = new ArrayList<>();
        RouterRule one = new RouterRule(verify(EMPTY.withRequestMode("cors")), RouterSource.NETWORK);
        for (int i = 0; i < 1023; i++) {
            many.add(one);
        }
        assertThat(RouterRules.checkRegistrationLimit(many)).isTrue();
        many.add(one);
        assertThat(RouterRules.checkRegistrationLimit(many)).isFalse();
    }

    @Test
    void theTextFormRoundTrips() {
        List<RouterRule> rules = List.of(
                new RouterRule(verify(EMPTY.withUrlPattern(text("/img/:name.png"))), new RouterSource.Cache(null)),
                new RouterRule(verify(EMPTY.withUrlPattern(new UrlPatternCompatible.Pattern(
                        new UrlPattern("https://x.example/Cats/*", null, new UrlPatternOptions(true))))),
                        new RouterSource.Cache("na:me 1")),
                new RouterRule(verify(EMPTY.withRequestMethod("put").withRequestMode("same-origin")
                        .withRequestDestination("").withRunningStatus("not-running")), RouterSource.FETCH_EVENT),
                new RouterRule(verify(EMPTY.withOr(List.of(EMPTY.withRequestDestination("image"),
                        EMPTY.withNot(EMPTY.withRunningStatus("running"))))), RouterSource.RACE_NETWORK_AND_FETCH_HANDLER),
                new RouterRule(verify(EMPTY.withOr(List.of())), RouterSource.NETWORK));
        String text = RouterRulesCodec.encode(rules);
        List<RouterRule> decoded = RouterRulesCodec.decode(text);
        assertThat(decoded).hasSize(rules.size());
        assertThat(RouterRulesCodec.encode(decoded)).isEqualTo(text);
        assertThat(decoded.get(1).condition()).isInstanceOfSatisfying(RouterCondition.UrlPatternIs.class,
                c -> assertThat(c.pattern().ignoreCase()).isTrue());
        assertThat(RouterRules.matches(decoded.get(0).condition(), request("https://app.example/img/cat.png"), false))
                .isTrue();
        assertThat(RouterRules.matches(decoded.get(1).condition(), request("https://x.example/Cats/z"), false))
                .isTrue();
        assertThat(RouterRules.matches(decoded.get(1).condition(), request("https://x.example/cATS/z"), false))
                .isTrue();
        assertThat(RouterRulesCodec.encode(List.of())).isEmpty();
        assertThat(RouterRulesCodec.decode("")).isEmpty();
        assertThatThrownBy(() -> RouterRulesCodec.decode("R9n")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouterRulesCodec.decode("R1n")).isInstanceOf(IllegalArgumentException.class);
    }
}
