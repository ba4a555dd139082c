package org.sw4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizeTest {
    @Test
    void parsesBytesAndBinaryAndDecimalUnits() {
        assertThat(ByteSize.parse("--quota", "1048576")).isEqualTo(1_048_576);
        assertThat(ByteSize.parse("--quota", "512B")).isEqualTo(512);
        assertThat(ByteSize.parse("--quota", "1K")).isEqualTo(1024);
        assertThat(ByteSize.parse("--quota", "50M")).isEqualTo(50L << 20);
        assertThat(ByteSize.parse("--quota", "1g")).isEqualTo(1L << 30);
        assertThat(ByteSize.parse("--quota", "1.5GiB")).isEqualTo(3L << 29);
        assertThat(ByteSize.parse("--quota", "2T")).isEqualTo(2L << 40);
        assertThat(ByteSize.parse("--quota", "500kB")).isEqualTo(500_000);
        assertThat(ByteSize.parse("--quota", "2 MB")).isEqualTo(2_000_000);
    }

    @Test
    void refusesWhatIsNotAByteCount() {
        assertThatThrownBy(() -> ByteSize.parse("--quota", "lots")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--quota must be a byte count").hasMessageContaining("'lots'");
        assertThatThrownBy(() -> ByteSize.parse("--quota", "5X")).isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown unit 'X'");
        assertThatThrownBy(() -> ByteSize.parse("--quota", "-1")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> ByteSize.parse("--quota", "99999999T")).isInstanceOf(UsageException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void writesSizesForPeopleWithTheExactCount() {
        assertThat(ByteSize.withExact(0)).isEqualTo("0 bytes");
        assertThat(ByteSize.withExact(1)).isEqualTo("1 byte");
        assertThat(ByteSize.withExact(1023)).isEqualTo("1023 bytes");
        assertThat(ByteSize.withExact(1536)).isEqualTo("1.5 KiB (1536 bytes)");
        assertThat(ByteSize.withExact(1L << 30)).isEqualTo("1.0 GiB (1073741824 bytes)");
        assertThat(ByteSize.human(5L << 40)).isEqualTo("5.0 TiB");
    }
}
