package org.sw4j.examples.catcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class CatPicturesTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void theBuildDrewTenPicturesOntoTheClassPath() throws Exception {
        for (int number = 1; number <= CatPictures.COUNT; number++) {
            try (InputStream in = CatPictures.class.getResourceAsStream(CatPictures.RESOURCE_DIRECTORY + CatPictures.fileName(number))) {
                assertThat(in).as("picture %d drawn by the build", number).isNotNull();
                assertThat(in.readAllBytes()).isEqualTo(CatPictures.png(number));
            }
        }
    }

    @Test
    void tenDistinctSmallValidPngs() throws Exception {
        Set<String> files = new HashSet<>();
        List<int[]> pixels = new ArrayList<>();
        for (int number = 1; number <= CatPictures.COUNT; number++) {
            byte[] png = CatPictures.png(number);
            assertThat(Arrays.copyOf(png, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
            assertThat(png.length).as("size of picture %d", number).isLessThan(30 * 1024);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image).as("picture %d decodes", number).isNotNull();
            assertThat(image.getWidth()).isEqualTo(CatPictures.WIDTH);
            assertThat(image.getHeight()).isEqualTo(CatPictures.HEIGHT);
            files.add(Arrays.toString(png));
            int[] rgb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            for (int[] other : pixels) {
                assertThat(Arrays.equals(rgb, other)).as("picture %d looks like an earlier one", number).isFalse();
            }
            pixels.add(rgb);
        }
        assertThat(files).hasSize(CatPictures.COUNT);
    }

    @Test
    void drawingIsDeterministic() {
        assertThat(CatPictures.draw(7)).isEqualTo(CatPictures.draw(7));
    }

    @Test
    void numbersOutsideOneToTenAreRefused() {
        assertThatThrownBy(() -> CatPictures.png(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 to 10, not 0");
        assertThatThrownBy(() -> CatPictures.png(11)).isInstanceOf(IllegalArgumentException.class);
    }
}
