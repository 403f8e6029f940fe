package io.greenhub.benchmarks.load;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * Grouped bar charts and line charts drawn with Java2D (headless) into PNG files.
 */
final class Charts {

	private static final Color[] PALETTE = { new Color(0x4E79A7), new Color(0xF28E2B), new Color(0xE15759),
			new Color(0x76B7B2), new Color(0x59A14F), new Color(0xEDC948), new Color(0xB07AA1) };

	private static final int WIDTH = 1000;

	private static final int HEIGHT = 520;

	private static final int LEFT = 80;

	private static final int TOP = 50;

	private static final int BOTTOM = 90;

	private Charts() {
	}

	private static String label(double value) {
		if (value >= 100) {
			return String.format("%,.0f", value);
		}
		return (value >= 10) ? String.format("%.1f", value) : String.format("%.2f", value);
	}

	private static Graphics2D canvas(BufferedImage image, String title) {
		System.setProperty("java.awt.headless", "true");
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, WIDTH, HEIGHT);
		g.setColor(Color.BLACK);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
		g.drawString(title, LEFT, 28);
		return g;
	}

	/**
	 * Draws the horizontal grid lines with their values, and the unit; leaves the small
	 * font and dark grey set.
	 */
	private static void yAxis(Graphics2D g, double max, String unit) {
		int plotHeight = HEIGHT - TOP - BOTTOM;
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
		for (int tick = 0; tick <= 5; tick++) {
			int y = TOP + plotHeight - plotHeight * tick / 5;
			g.setColor(new Color(0xDDDDDD));
			g.drawLine(LEFT, y, WIDTH - 20, y);
			g.setColor(Color.DARK_GRAY);
			g.drawString(label(max * tick / 5), 4, y + 4);
		}
		g.drawString(unit, 4, TOP - 8);
	}

	private static void legendAndWrite(Graphics2D g, List<String> series, BufferedImage image, Path file) {
		FontMetrics metrics = g.getFontMetrics();
		int legendX = LEFT;
		for (int s = 0; s < series.size(); s++) {
			g.setColor(PALETTE[s % PALETTE.length]);
			g.fillRect(legendX, HEIGHT - 40, 12, 12);
			g.setColor(Color.BLACK);
			g.drawString(series.get(s), legendX + 16, HEIGHT - 30);
			legendX += 30 + metrics.stringWidth(series.get(s));
		}
		g.dispose();
		try {
			ImageIO.write(image, "png", file.toFile());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot write " + file, ex);
		}
	}

	/**
	 * Draws one bar per series in each group; a missing value ({@code NaN}) leaves a gap.
	 * @param title the chart's title
	 * @param unit the y axis's unit
	 * @param groups the groups along the x axis
	 * @param series the series, one colour each
	 * @param values {@code values[group][series]}
	 * @param file the PNG file to write
	 */
	static void bars(String title, String unit, List<String> groups, List<String> series, double[][] values,
			Path file) {
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = canvas(image, title);
		double max = 0;
		for (double[] row : values) {
			for (double value : row) {
				max = Double.isNaN(value) ? max : Math.max(max, value);
			}
		}
		max = (max <= 0) ? 1 : max * 1.1;
		int plotHeight = HEIGHT - TOP - BOTTOM;
		int plotWidth = WIDTH - LEFT - 20;
		yAxis(g, max, unit);
		int groupWidth = plotWidth / Math.max(1, groups.size());
		int barWidth = Math.max(2, (groupWidth - 20) / Math.max(1, series.size()));
		FontMetrics metrics = g.getFontMetrics();
		for (int group = 0; group < groups.size(); group++) {
			int x0 = LEFT + group * groupWidth + 10;
			for (int s = 0; s < series.size(); s++) {
				double value = values[group][s];
				if (Double.isNaN(value)) {
					continue;
				}
				int height = (int) Math.round(plotHeight * value / max);
				int x = x0 + s * barWidth;
				g.setColor(PALETTE[s % PALETTE.length]);
				g.fillRect(x, TOP + plotHeight - height, barWidth - 2, height);
				g.setColor(Color.BLACK);
				String label = label(value);
				if (metrics.stringWidth(label) < barWidth + 6) {
					g.drawString(label, x, TOP + plotHeight - height - 3);
				}
			}
			g.setColor(Color.BLACK);
			g.drawString(groups.get(group), x0, TOP + plotHeight + 16);
		}
		g.setStroke(new BasicStroke(1));
		g.drawLine(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight);
		legendAndWrite(g, series, image, file);
	}

	/**
	 * Draws one line per series over equally spaced x values, each series as long as it
	 * is.
	 * @param title the chart's title
	 * @param unit the y axis's unit
	 * @param xUnit the x axis's unit
	 * @param step the x distance between two points
	 * @param series the series' names, one colour each
	 * @param values {@code values.get(series)}: the points, the first at x = {@code step}
	 * @param file the PNG file to write
	 */
	static void lines(String title, String unit, String xUnit, double step, List<String> series,
			List<List<Double>> values, Path file) {
		BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = canvas(image, title);
		double max = values.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElse(1) * 1.1;
		int points = Math.max(1, values.stream().mapToInt(List::size).max().orElse(1));
		int plotHeight = HEIGHT - TOP - BOTTOM;
		int plotWidth = WIDTH - LEFT - 20;
		yAxis(g, max, unit);
		for (int tick = 0; tick <= 5; tick++) {
			g.drawString(String.format("%.0f %s", points * step * tick / 5, xUnit), LEFT + plotWidth * tick / 5 - 10,
					TOP + plotHeight + 16);
		}
		g.setStroke(new BasicStroke(2));
		for (int s = 0; s < series.size(); s++) {
			g.setColor(PALETTE[s % PALETTE.length]);
			List<Double> curve = values.get(s);
			for (int i = 1; i < curve.size(); i++) {
				g.drawLine(LEFT + plotWidth * i / points,
						TOP + plotHeight - (int) (plotHeight * curve.get(i - 1) / max),
						LEFT + plotWidth * (i + 1) / points,
						TOP + plotHeight - (int) (plotHeight * curve.get(i) / max));
			}
		}
		g.setStroke(new BasicStroke(1));
		g.setColor(Color.BLACK);
		g.drawLine(LEFT, TOP + plotHeight, LEFT + plotWidth, TOP + plotHeight);
		legendAndWrite(g, series, image, file);
	}

}
