package org.sw4j.examples.catcache;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The demo's ten cat pictures: drawn with Java2D (so nothing is downloaded and no licence applies),
 * each with its own colours, pose and a "cat N" label.
 *
 * <p>The build draws them into {@code target/classes} ({@link #main}, run by the exec plugin in
 * {@code process-classes}); {@link #png} reads those files and only draws a picture itself when they
 * are missing (a class path assembled without that build step).
 */
public final class CatPictures {
    /** How many pictures the origin rotates through, as in the tutorial. */
    public static final int COUNT = 10;
    public static final int WIDTH = 320;
    public static final int HEIGHT = 240;

    /** Where the build puts the pictures on the class path: {@code img/cat-N.png} beside this class. */
    static final String RESOURCE_DIRECTORY = "img/";

    private static final Color[] FUR = {
        new Color(0xE0, 0x8A, 0x2E), new Color(0x4A, 0x4A, 0x4A), new Color(0xF2, 0xF2, 0xF2),
        new Color(0x8C, 0x6A, 0x4F), new Color(0xC9, 0xC9, 0xD6), new Color(0x22, 0x22, 0x22),
        new Color(0xF0, 0xC2, 0x7A), new Color(0x9E, 0x5B, 0x2A), new Color(0x7A, 0x86, 0x99),
        new Color(0xD8, 0xB0, 0x90)};
    private static final Color[] SKY = {
        new Color(0xCF, 0xE8, 0xFF), new Color(0xFF, 0xE4, 0xC4), new Color(0xD7, 0xF5, 0xD0),
        new Color(0xF5, 0xD0, 0xE8), new Color(0xFF, 0xF6, 0xB8), new Color(0xC8, 0xF0, 0xEE),
        new Color(0xE2, 0xD6, 0xFF), new Color(0xFF, 0xD6, 0xD6), new Color(0xE8, 0xE8, 0xE8),
        new Color(0xD0, 0xE0, 0xC0)};
    private static final Color[] EYES = {
        new Color(0x3C, 0xA0, 0x3C), new Color(0xE0, 0xB0, 0x20), new Color(0x30, 0x70, 0xD0)};

    private CatPictures() {
    }

    /**
     * The PNG bytes of picture {@code number} (1 to {@link #COUNT}).
     *
     * @throws IllegalArgumentException when {@code number} is out of range
     */
    public static byte[] png(int number) {
        checkNumber(number);
        try (InputStream in = CatPictures.class.getResourceAsStream(RESOURCE_DIRECTORY + fileName(number))) {
            return in != null ? in.readAllBytes() : draw(number);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code cat-N.png}. */
    public static String fileName(int number) {
        checkNumber(number);
        return "cat-" + number + ".png";
    }

    /** Draws picture {@code number} and encodes it as PNG; the same number always gives the same picture. */
    public static byte[] draw(int number) {
        checkNumber(number);
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            paint(g, number);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the ten pictures into a directory (the build's step); argument: the directory. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CatPictures DIRECTORY");
            System.exit(2);
        }
        Path directory = Files.createDirectories(Path.of(args[0]));
        for (int number = 1; number <= COUNT; number++) {
            Files.write(directory.resolve(fileName(number)), draw(number));
        }
    }

    private static void checkNumber(int number) {
        if (number < 1 || number > COUNT) {
            throw new IllegalArgumentException("a cat picture number is 1 to " + COUNT + ", not " + number);
        }
    }

    private static void paint(Graphics2D g, int number) {
        int i = number - 1;
        Color fur = FUR[i];
        Color dark = fur.darker();
        g.setColor(SKY[i]);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(SKY[i].darker());
        g.fillRect(0, 190, WIDTH, 50); // the floor

        // Poses: sitting (odd numbers) or lying (even); mirrored every other pair; tail up or down.
        boolean lying = number % 2 == 0;
        boolean mirrored = (i / 2) % 2 == 1;
        if (mirrored) {
            g.translate(WIDTH, 0);
            g.scale(-1, 1);
        }
        double headX;
        double headY;
        g.setStroke(new BasicStroke(14, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(dark);
        if (lying) {
            g.draw(new QuadCurve2D.Double(220, 170, 280, 150 - 8 * (i % 3), 290, 110 + 10 * (i % 4)));
            g.setColor(fur);
            g.fill(new Ellipse2D.Double(70, 120, 170, 70));
            headX = 95;
            headY = 125;
        } else {
            g.draw(new QuadCurve2D.Double(190, 180, 260, 185, 250, 120 - 10 * (i % 4)));
            g.setColor(fur);
            g.fill(new Ellipse2D.Double(110, 95, 100, 100));
            g.fill(new Ellipse2D.Double(115, 170, 40, 22));
            g.fill(new Ellipse2D.Double(165, 170, 40, 22));
            headX = 160;
            headY = 80;
        }
        double r = 42;
        // Ears.
        g.setColor(fur);
        Path2D ears = new Path2D.Double();
        ears.moveTo(headX - r * 0.95, headY - r * 0.2);
        ears.lineTo(headX - r * 0.75, headY - r * 1.35);
        ears.lineTo(headX - r * 0.15, headY - r * 0.8);
        ears.closePath();
        ears.moveTo(headX + r * 0.95, headY - r * 0.2);
        ears.lineTo(headX + r * 0.75, headY - r * 1.35);
        ears.lineTo(headX + r * 0.15, headY - r * 0.8);
        ears.closePath();
        g.fill(ears);
        g.fill(new Ellipse2D.Double(headX - r, headY - r, 2 * r, 2 * r));
        // Stripes on every third cat.
        if (i % 3 == 0) {
            g.setColor(dark);
            g.setStroke(new BasicStroke(5, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            for (int s = -1; s <= 1; s++) {
                g.draw(new QuadCurve2D.Double(headX + s * 12, headY - r + 2, headX + s * 10, headY - r + 14,
                        headX + s * 12, headY - r + 22));
            }
        }
        // Eyes: open for most, closed (asleep) for cats 4 and 8.
        boolean asleep = number == 4 || number == 8;
        if (asleep) {
            g.setColor(Color.BLACK);
            g.setStroke(new BasicStroke(3, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Arc2D.Double(headX - 24, headY - 12, 16, 12, 180, 180, Arc2D.OPEN));
            g.draw(new Arc2D.Double(headX + 8, headY - 12, 16, 12, 180, 180, Arc2D.OPEN));
        } else {
            g.setColor(EYES[i % EYES.length]);
            g.fill(new Ellipse2D.Double(headX - 24, headY - 16, 16, 18));
            g.fill(new Ellipse2D.Double(headX + 8, headY - 16, 16, 18));
            g.setColor(Color.BLACK);
            g.fill(new Ellipse2D.Double(headX - 19, headY - 14, 6, 14));
            g.fill(new Ellipse2D.Double(headX + 13, headY - 14, 6, 14));
        }
        // Nose, mouth, whiskers.
        g.setColor(new Color(0xE8, 0x7C, 0x9A));
        Path2D nose = new Path2D.Double();
        nose.moveTo(headX - 6, headY + 6);
        nose.lineTo(headX + 6, headY + 6);
        nose.lineTo(headX, headY + 13);
        nose.closePath();
        g.fill(nose);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.5f));
        g.draw(new Arc2D.Double(headX - 10, headY + 8, 10, 10, 180, 180, Arc2D.OPEN));
        g.draw(new Arc2D.Double(headX, headY + 8, 10, 10, 180, 180, Arc2D.OPEN));
        for (int w = -1; w <= 1; w++) {
            g.drawLine((int) headX - 12, (int) headY + 10, (int) headX - 48, (int) headY + 4 + 8 * w);
            g.drawLine((int) headX + 12, (int) headY + 10, (int) headX + 48, (int) headY + 4 + 8 * w);
        }
        if (mirrored) {
            // The label reads left to right whichever way the cat faces.
            g.scale(-1, 1);
            g.translate(-WIDTH, 0);
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 26));
        g.drawString("cat " + number, 14, 34);
    }
}
