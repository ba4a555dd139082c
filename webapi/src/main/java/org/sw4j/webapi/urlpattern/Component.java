package org.sw4j.webapi.urlpattern;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.sw4j.webapi.error.WebError;

/**
 * A component (https://urlpattern.spec.whatwg.org/#component) of a URL pattern: its normalized pattern
 * string, its regular expression (as the standard's ECMAScript source and the Java pattern that matches),
 * its group name list and whether it has regexp groups.
 */
final class Component {
    private final String patternString;
    private final String ecmaScriptRegexp;
    private final Pattern regularExpression;
    private final List<String> groupNameList;
    private final boolean hasRegexpGroups;
    /**
     * What {@link #matches} may decide without the regular expression: {@link #ANY} for a lone
     * full wildcard (as every component of an init that does not name it), the exact text for a
     * pattern of fixed text alone (matched case-sensitively), or null.
     */
    private final String shortcut;
    private static final String ANY = new String("*"); // compared by identity

    private Component(String patternString, String ecmaScriptRegexp, Pattern regularExpression,
            List<String> groupNameList, boolean hasRegexpGroups, String shortcut) {
        this.patternString = patternString;
        this.ecmaScriptRegexp = ecmaScriptRegexp;
        this.regularExpression = regularExpression;
        this.groupNameList = groupNameList;
        this.hasRegexpGroups = hasRegexpGroups;
        this.shortcut = shortcut;
    }

    private static String shortcut(List<Part> partList, PatternOptions options) {
        if (partList.size() == 1 && partList.get(0).modifier() == Part.Modifier.NONE) {
            Part part = partList.get(0);
            if (part.type() == Part.Type.FULL_WILDCARD && part.prefix().isEmpty() && part.suffix().isEmpty()) {
                return ANY;
            }
            if (part.type() == Part.Type.FIXED_TEXT && !options.ignoreCase()) {
                return part.value();
            }
        }
        return partList.isEmpty() ? "" : null;
    }

    /** Whether {@code input} matches: {@link #exec} without the match's groups. */
    boolean matches(String input) {
        if (shortcut == ANY) {
            return true;
        }
        return shortcut != null ? shortcut.equals(input) : regularExpression.matcher(input).find();
    }

    /**
     * Implements compile a component (https://urlpattern.spec.whatwg.org/#compile-a-component).
     *
     * @throws WebError a TypeError when {@code input} is not a well-formed pattern string, its fixed text is
     *     rejected by {@code encodingCallback}, or a regexp group is invalid or not expressible in Java
     */
    static Component compile(String input, UnaryOperator<String> encodingCallback, PatternOptions options) {
        List<Part> partList = PatternParser.parse(input, options, encodingCallback);
        RegexpGenerator.Generated generated = RegexpGenerator.generate(partList, options);
        int flags = options.ignoreCase() ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        Pattern regularExpression;
        try {
            regularExpression = Pattern.compile(generated.javaSource(), flags);
        } catch (PatternSyntaxException e) {
            throw WebError.typeError("Unsupported regular expression in URL pattern \"" + input
                    + "\": java.util.regex rejects its translation (" + e.getDescription() + ")");
        }
        String patternString = PatternStringGenerator.generate(partList, options);
        boolean hasRegexpGroups = partList.stream().anyMatch(part -> part.type() == Part.Type.REGEXP);
        return new Component(patternString, generated.ecmaScriptSource(), regularExpression,
                generated.nameList(), hasRegexpGroups, shortcut(partList, options));
    }

    String patternString() {
        return patternString;
    }

    /** The regular expression as the standard defines it, in ECMAScript syntax. */
    String ecmaScriptRegexp() {
        return ecmaScriptRegexp;
    }

    List<String> groupNameList() {
        return groupNameList;
    }

    boolean hasRegexpGroups() {
        return hasRegexpGroups;
    }

    /** RegExpBuiltinExec of the regular expression on {@code input}: the matcher after a match, or null. */
    Matcher exec(String input) {
        Matcher matcher = regularExpression.matcher(input);
        return matcher.find() ? matcher : null;
    }

    /** Implements create a component match result (https://urlpattern.spec.whatwg.org/#create-a-component-match-result). */
    UrlPatternComponentResult createMatchResult(String input, Matcher execResult) {
        Map<String, String> groups = new LinkedHashMap<>();
        for (int index = 1; index <= execResult.groupCount(); index++) {
            groups.put(groupNameList.get(index - 1), execResult.group(index));
        }
        return new UrlPatternComponentResult(input, Collections.unmodifiableMap(groups));
    }

    /** Implements protocol component matches a special scheme (https://urlpattern.spec.whatwg.org/#protocol-component-matches-a-special-scheme). */
    boolean matchesSpecialScheme() {
        for (String scheme : List.of("ftp", "file", "http", "https", "ws", "wss")) {
            if (exec(scheme) != null) {
                return true;
            }
        }
        return false;
    }
}
