package org.sw4j.webapi.urlpattern;

/**
 * A part (https://urlpattern.spec.whatwg.org/#part) of a parsed pattern string: at most one matching
 * group, with fixed prefix and suffix text and a modifier.
 *
 * @param type the part's type
 * @param value the fixed text, or the regexp of a regexp part (as written, ECMAScript syntax); "" otherwise
 * @param modifier the part's modifier
 * @param name the group's name ("" for fixed text); numeric names ("0", "1", ...) are assigned automatically
 * @param prefix encoded fixed text before the group
 * @param suffix encoded fixed text after the group
 */
record Part(Type type, String value, Modifier modifier, String name, String prefix, String suffix) {

    /** A part's type (https://urlpattern.spec.whatwg.org/#part-type). */
    enum Type { FIXED_TEXT, REGEXP, SEGMENT_WILDCARD, FULL_WILDCARD }

    /** A part's modifier (https://urlpattern.spec.whatwg.org/#part-modifier). */
    enum Modifier {
        NONE(""), OPTIONAL("?"), ZERO_OR_MORE("*"), ONE_OR_MORE("+");

        private final String string;

        Modifier(String string) {
            this.string = string;
        }

        /** Implements convert a modifier to a string (https://urlpattern.spec.whatwg.org/#convert-a-modifier-to-a-string). */
        String string() {
            return string;
        }
    }

    static Part fixedText(String value, Modifier modifier) {
        return new Part(Type.FIXED_TEXT, value, modifier, "", "", "");
    }
}
