package se.samla.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.samla.insights.view.InsightsView;

/** The months' bar chart: bars as tall as their figures on a scale of round steps, a label for every month. */
class MonthChartTest {

    static InsightsView.Month month(String month, long inflow, long decided) {
        return new InsightsView.Month(month, inflow, decided, "–", "–", "–", "–", 0);
    }

    @Test
    void barsStandInProportionOnARoundScale() {
        var chart = MonthChart.draw(List.of(month("2026-01", 10, 5), month("2026-02", 0, 20)));
        // the highest figure is 20: steps of 5 up to 20
        assertThat(chart.yTicks()).extracting(InsightsView.Tick::label).containsExactly("0", "5", "10", "15", "20");
        double plot = MonthChart.HEIGHT - MonthChart.TOP - MonthChart.BOTTOM;
        assertThat(chart.bars()).extracting(InsightsView.Bar::height).containsExactly(plot / 2, plot / 4, 0.0, plot);
        assertThat(chart.bars())
                .extracting(InsightsView.Bar::kind)
                .containsExactly("inflow", "decided", "inflow", "decided");
        // every bar stands on the axis
        assertThat(chart.bars()).allSatisfy(b -> assertThat(b.y() + b.height()).isEqualTo(MonthChart.TOP + plot));
        assertThat(chart.xTicks()).extracting(InsightsView.Tick::label).containsExactly("2026-01", "2026-02");
    }

    @Test
    void stepsAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(MonthChart.step(0)).isEqualTo(1);
        assertThat(MonthChart.step(4)).isEqualTo(1);
        assertThat(MonthChart.step(9)).isEqualTo(2);
        assertThat(MonthChart.step(23)).isEqualTo(5);
        assertThat(MonthChart.step(48)).isEqualTo(10);
        assertThat(MonthChart.step(730)).isEqualTo(200);
    }

    @Test
    void manyMonthsNameEveryThird() {
        var months = java.util.stream.IntStream.range(0, 24)
                .mapToObj(
                        i -> month(java.time.YearMonth.of(2025, 1).plusMonths(i).toString(), i, i))
                .toList();
        assertThat(MonthChart.draw(months).xTicks()).hasSize(8);
        assertThat(MonthChart.draw(List.of()).bars()).isEmpty();
    }
}
