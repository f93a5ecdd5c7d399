package io.jenkins.plugins.databricks.benchmark;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The plot beside the fleet table in docs/benchmark.md: wall time and requests per deploy against the cluster count,
 * one line per backend, log scales (the sizes grow tenfold), and the protocol minimum as a dashed line under the
 * requests. Drawn with JFreeChart, which the benchmark alone uses (test scope).
 */
final class FleetPlot {

    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c)};

    private FleetPlot() {}

    static void write(Path png, List<FleetPoint> points, String subtitle) throws IOException {
        Map<String, XYSeries> wall = new LinkedHashMap<>();
        Map<String, XYSeries> requests = new LinkedHashMap<>();
        Map<String, XYSeries> minimum = new LinkedHashMap<>();
        for (FleetPoint p : points) {
            wall.computeIfAbsent(p.backend(), XYSeries::new).add(p.clusters(), p.wallMillis());
            requests.computeIfAbsent(p.backend(), XYSeries::new).add(p.clusters(), p.requests());
            minimum.computeIfAbsent(p.backend() + " protocol minimum", XYSeries::new)
                    .add(p.clusters(), p.minimumRequests());
        }
        XYSeriesCollection wallData = new XYSeriesCollection();
        wall.values().forEach(wallData::addSeries);
        XYSeriesCollection requestData = new XYSeriesCollection();
        requests.values().forEach(requestData::addSeries);
        minimum.values().forEach(requestData::addSeries);

        int backends = wall.size();
        XYLineAndShapeRenderer wallLines = new LabelsApart(backends);
        XYLineAndShapeRenderer requestLines = new LabelsApart(backends);
        for (XYLineAndShapeRenderer r : List.of(wallLines, requestLines)) {
            // One marker for every series: the colour tells the backend, in both plots alike.
            r.setAutoPopulateSeriesShape(false);
            r.setDefaultShape(new java.awt.geom.Ellipse2D.Double(-3.5, -3.5, 7, 7));
            // Each measured point carries its value: a log axis with one label per decade is hard to read between.
            java.text.NumberFormat whole = java.text.NumberFormat.getIntegerInstance(java.util.Locale.ROOT);
            whole.setGroupingUsed(true);
            r.setDefaultItemLabelGenerator(
                    new org.jfree.chart.labels.StandardXYItemLabelGenerator("{2}", whole, whole));
            r.setDefaultItemLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
            r.setDefaultPositiveItemLabelPosition(new org.jfree.chart.labels.ItemLabelPosition(
                    org.jfree.chart.labels.ItemLabelAnchor.OUTSIDE12, org.jfree.chart.ui.TextAnchor.BOTTOM_CENTER));
        }
        for (int i = 0; i < backends; i++) {
            Color c = COLOURS[i % COLOURS.length];
            wallLines.setSeriesPaint(i, c);
            wallLines.setSeriesItemLabelsVisible(i, true);
            requestLines.setSeriesItemLabelsVisible(i, true);
            wallLines.setSeriesStroke(i, new BasicStroke(2f));
            wallLines.setSeriesVisibleInLegend(i, false); // the requests plot below names each backend
            requestLines.setSeriesPaint(i, c);
            requestLines.setSeriesStroke(i, new BasicStroke(2f));
            requestLines.setSeriesPaint(backends + i, c);
            requestLines.setSeriesShapesVisible(backends + i, false);
            requestLines.setSeriesItemLabelsVisible(backends + i, false);
            requestLines.setSeriesStroke(
                    backends + i,
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        XYPlot time = new XYPlot(wallData, null, logAxis("wall time per deploy (ms)"), wallLines);
        XYPlot calls = new XYPlot(requestData, null, logAxis("requests per deploy"), requestLines);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(logAxis("clusters"));
        plot.setGap(12);
        plot.add(time, 1);
        plot.add(calls, 1);
        for (XYPlot p : List.of(time, calls)) {
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(Color.LIGHT_GRAY);
            p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        JFreeChart chart = new JFreeChart("Deploy at fleet scale, every emulator delay zero", plot);
        chart.addSubtitle(new org.jfree.chart.title.TextTitle(subtitle));
        chart.setBackgroundPaint(Color.WHITE);
        Files.createDirectories(png.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 700);
    }

    /**
     * Backends' values lie close together on a log axis: at each size the lowest backend's label goes below its
     * point, the others' above, so two labels never print over each other.
     */
    private static final class LabelsApart extends XYLineAndShapeRenderer {

        private static final long serialVersionUID = 1L;
        private static final ItemLabelPosition BELOW =
                new ItemLabelPosition(ItemLabelAnchor.OUTSIDE6, TextAnchor.TOP_CENTER);

        private final int backends;

        LabelsApart(int backends) {
            super(true, true);
            this.backends = backends;
        }

        @Override
        public ItemLabelPosition getPositiveItemLabelPosition(int series, int item) {
            XYDataset data = getPlot() == null ? null : getPlot().getDataset();
            if (data == null || backends < 2 || series >= backends) {
                return super.getPositiveItemLabelPosition(series, item);
            }
            double x = data.getXValue(series, item);
            double y = data.getYValue(series, item);
            for (int other = 0; other < backends; other++) {
                if (other == series) {
                    continue;
                }
                for (int j = 0; j < data.getItemCount(other); j++) {
                    double oy = data.getYValue(other, j);
                    if (data.getXValue(other, j) == x && (oy < y || (oy == y && other > series))) {
                        return super.getPositiveItemLabelPosition(series, item);
                    }
                }
            }
            return BELOW;
        }
    }

    private static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setNumberFormatOverride(new java.text.DecimalFormat(
                "#,##0.#", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)));
        axis.setAutoRangeMinimumSize(1);
        axis.setUpperMargin(0.12); // room for the value labels above the highest points
        axis.setLowerMargin(0.12); // and below the lowest
        // One labelled tick per decade (the tick unit is in powers of the base), minor ticks between.
        axis.setAutoTickUnitSelection(false);
        axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
        axis.setMinorTickCount(9);
        axis.setMinorTickMarksVisible(true);
        return axis;
    }
}
