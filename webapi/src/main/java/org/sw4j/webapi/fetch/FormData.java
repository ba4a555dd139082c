package org.sw4j.webapi.fetch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.sw4j.webapi.error.WebError;

/**
 * The {@code FormData} class (https://xhr.spec.whatwg.org/#interface-formdata): an ordered entry
 * list of names to strings or files. Names and string values are converted to scalar value
 * strings (lone surrogates become U+FFFD). Not thread-safe.
 *
 * <p>{@link #fromBody} is the {@code formData()} reading of a body; {@link MultipartFormData} holds
 * the {@code multipart/form-data} codec.
 */
public final class FormData {

    /** An entry (https://xhr.spec.whatwg.org/#concept-formdata-entry): a name and a value. */
    public record Entry(String name, FormDataEntryValue value) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** An empty {@code FormData}, as {@code new FormData()}. */
    public FormData() {
    }

    /** The entries in order; unmodifiable, live. */
    public List<Entry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** Implements {@code append(name, value)} for a string value. */
    public void append(String name, String value) {
        entries.add(createEntry(name, new FormDataEntryValue.Text(value), null));
    }

    /**
     * Implements {@code append(name, blobValue, filename)}. A {@code Blob} arrives as
     * {@link FormDataEntryValue.File#fromBlob}.
     *
     * @param filename the filename argument, or null when absent
     */
    public void append(String name, FormDataEntryValue.File value, String filename) {
        entries.add(createEntry(name, value, filename));
    }

    /** Implements {@code delete(name)}: removes every entry named {@code name}. */
    public void delete(String name) {
        String scalarName = Utf8.toScalarValueString(name);
        entries.removeIf(entry -> entry.name().equals(scalarName));
    }

    /** Implements {@code get(name)}: the first value named {@code name}, or null. */
    public FormDataEntryValue get(String name) {
        String scalarName = Utf8.toScalarValueString(name);
        for (Entry entry : entries) {
            if (entry.name().equals(scalarName)) {
                return entry.value();
            }
        }
        return null;
    }

    /** Implements {@code getAll(name)}: every value named {@code name}, in order. */
    public List<FormDataEntryValue> getAll(String name) {
        String scalarName = Utf8.toScalarValueString(name);
        List<FormDataEntryValue> values = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.name().equals(scalarName)) {
                values.add(entry.value());
            }
        }
        return values;
    }

    /** Implements {@code has(name)}. */
    public boolean has(String name) {
        return get(name) != null;
    }

    /** Implements {@code set(name, value)} for a string value. */
    public void set(String name, String value) {
        set(createEntry(name, new FormDataEntryValue.Text(value), null));
    }

    /** Implements {@code set(name, blobValue, filename)}; {@code filename} may be null. */
    public void set(String name, FormDataEntryValue.File value, String filename) {
        set(createEntry(name, value, filename));
    }

    /** Replaces the first entry of the same name and removes the others, or appends. */
    private void set(Entry entry) {
        int first = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).name().equals(entry.name())) {
                first = i;
                break;
            }
        }
        if (first == -1) {
            entries.add(entry);
            return;
        }
        entries.set(first, entry);
        for (int i = entries.size() - 1; i > first; i--) {
            if (entries.get(i).name().equals(entry.name())) {
                entries.remove(i);
            }
        }
    }

    /**
     * Implements create an entry (https://xhr.spec.whatwg.org/#create-an-entry): names and strings
     * become scalar value strings; a file given a filename is renamed (keeping its bytes, type and
     * lastModified).
     */
    static Entry createEntry(String name, FormDataEntryValue value, String filename) {
        String scalarName = Utf8.toScalarValueString(name);
        FormDataEntryValue scalarValue = switch (value) {
            case FormDataEntryValue.Text text -> new FormDataEntryValue.Text(Utf8.toScalarValueString(text.value()));
            case FormDataEntryValue.File file -> filename == null ? file : file.withName(filename);
        };
        return new Entry(scalarName, scalarValue);
    }

    /**
     * The {@code FormData} case of package data (https://fetch.spec.whatwg.org/#concept-body-package-data),
     * what {@code body.formData()} returns.
     *
     * @param mimeType the body's MIME type (https://fetch.spec.whatwg.org/#concept-body-mime-type), or null
     * @param now the current time, the {@code lastModified} of the files the parts become
     * @throws WebError a TypeError when the MIME type is neither {@code multipart/form-data} nor
     *     {@code application/x-www-form-urlencoded}, or the multipart body is malformed
     */
    public static FormData fromBody(byte[] bytes, MimeType mimeType, long now) {
        String essence = mimeType == null ? null : mimeType.essence();
        if ("multipart/form-data".equals(essence)) {
            String boundary = mimeType.parameters().get("boundary");
            if (boundary == null) {
                throw WebError.typeError("Could not parse content as FormData: the multipart/form-data MIME type "
                        + "has no boundary.");
            }
            return MultipartFormData.parse(bytes, boundary, now);
        }
        if ("application/x-www-form-urlencoded".equals(essence)) {
            FormData formData = new FormData();
            for (var tuple : parseUrlencoded(bytes)) {
                formData.append(tuple[0], tuple[1]);
            }
            return formData;
        }
        throw WebError.typeError("Could not parse content as FormData.");
    }

    /**
     * Implements the application/x-www-form-urlencoded parser
     * (https://url.spec.whatwg.org/#concept-urlencoded-parser) on bytes: splitting and
     * percent-decoding come before UTF-8 decoding, so escaped and raw bytes combine as they should.
     */
    private static List<String[]> parseUrlencoded(byte[] input) {
        List<String[]> output = new ArrayList<>();
        int start = 0;
        while (start <= input.length) {
            int end = start;
            while (end < input.length && input[end] != '&') {
                end++;
            }
            if (end > start) {
                int nameEnd = start;
                while (nameEnd < end && input[nameEnd] != '=') {
                    nameEnd++;
                }
                int valueStart = nameEnd == end ? end : nameEnd + 1;
                byte[] name = Utf8.percentDecode(input, start, nameEnd, true);
                byte[] value = Utf8.percentDecode(input, valueStart, end, true);
                output.add(new String[] {
                    Utf8.decodeWithoutBom(name, 0, name.length), Utf8.decodeWithoutBom(value, 0, value.length)});
            }
            start = end + 1;
        }
        return output;
    }

    @Override
    public String toString() {
        return "FormData" + entries;
    }
}
