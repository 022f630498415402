using System.Globalization;
using System.Text;
using Emporium.Bench.Results;

namespace Emporium.Bench.Report;

/// <summary>
/// The report's chart, written by hand as SVG (no package): per figure, the subject's and the baseline's
/// requests/s on one shared axis (whiskers: lowest–highest round), and beside it the ratio against its
/// goal on the figure's own axis (ratios of 0.3 and of 10 cannot share one).
/// </summary>
internal static class SvgChart
{
    private const int Width = 1000;
    private const int RowHeight = 58;
    private const int Top = 64;
    private const int LabelRight = 270;
    private const int ThroughputLeft = 280;
    private const int ThroughputWidth = 360;
    private const int RatioLeft = 790;
    private const int RatioWidth = 150;
    private const string Subject = "#3b6fb6";
    private const string Baseline = "#9aa5b1";
    private const string Met = "#2f855a";
    private const string Missed = "#c53030";

    public static string Render(IReadOnlyList<ThroughputRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var rows = runs.SelectMany(run => run.Figures.Select(f => (run.Scenario, Figure: f, Across: run.Across(f)))).ToList();
        var height = Top + (rows.Count * RowHeight) + 44;
        var max = rows.Max(r => Math.Max(r.Across.Subject.Max, r.Across.Baseline.Max)) * 1.05;
        var svg = new StringBuilder();
        svg.AppendLine(Invariant($"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{height}" viewBox="0 0 {Width} {height}" font-family="sans-serif" font-size="12">"""))
           .AppendLine(Invariant($"""<rect width="{Width}" height="{height}" fill="white"/>"""))
           .AppendLine(Text(10, 22, "Throughput per scenario: median of the rounds (whiskers: lowest–highest round)", "font-size=\"15\" font-weight=\"bold\""))
           .AppendLine(Text(ThroughputLeft, 50, "requests/s (one axis for all)", "font-weight=\"bold\""))
           .AppendLine(Text(RatioLeft, 50, "subject ÷ baseline, | = goal", "font-weight=\"bold\""));

        for (var i = 0; i < rows.Count; i++)
        {
            var (scenario, figure, (subject, baseline, ratio)) = rows[i];
            var y = Top + (i * RowHeight);
            if (i % 2 == 0)
            {
                svg.AppendLine(Invariant($"""<rect x="0" y="{y - 6}" width="{Width}" height="{RowHeight}" fill="#f5f7fa"/>"""));
            }

            svg.AppendLine(Text(10, y + 14, $"{scenario} {figure.Name.Split(" ÷ ")[0]}", "font-weight=\"bold\""))
               .AppendLine(Text(10, y + 30, Shorten(figure.Subject, 44), "fill=\"#3b6fb6\""))
               .AppendLine(Text(10, y + 44, "vs " + Shorten(figure.Baseline, 41), "fill=\"#6b7785\""));
            Bar(svg, y + 4, subject, max, Subject);
            Bar(svg, y + 24, baseline, max, Baseline);
            RatioBar(svg, y + 8, figure, ratio);
        }

        var legend = Top + (rows.Count * RowHeight) + 16;
        svg.AppendLine(Invariant($"""<rect x="{ThroughputLeft}" y="{legend}" width="12" height="12" fill="{Subject}"/>"""))
           .AppendLine(Text(ThroughputLeft + 18, legend + 10, "subject"))
           .AppendLine(Invariant($"""<rect x="{ThroughputLeft + 90}" y="{legend}" width="12" height="12" fill="{Baseline}"/>"""))
           .AppendLine(Text(ThroughputLeft + 108, legend + 10, "baseline (same run, same wrk settings)"))
           .AppendLine(Text(RatioLeft, legend + 10, "green: goal met; red: not met", "fill=\"#6b7785\""))
           .AppendLine("</svg>");
        return svg.ToString();
    }

    private static void Bar(StringBuilder svg, double y, Spread spread, double max, string colour)
    {
        double X(double value) => ThroughputLeft + (value / max * ThroughputWidth);
        var end = X(spread.Median);
        svg.AppendLine(Invariant($"""<rect x="{ThroughputLeft}" y="{y:F1}" width="{end - ThroughputLeft:F1}" height="14" fill="{colour}"/>"""))
           .AppendLine(Invariant($"""<line x1="{X(spread.Min):F1}" y1="{y + 7:F1}" x2="{X(spread.Max):F1}" y2="{y + 7:F1}" stroke="#1a202c" stroke-width="1"/>"""))
           .AppendLine(Text(Math.Max(end, X(spread.Max)) + 6, y + 11, spread.Median.ToString("N0", CultureInfo.InvariantCulture) + "/s"));
    }

    private static void RatioBar(StringBuilder svg, double y, RatioFigure figure, Spread ratio)
    {
        var axis = Math.Max(ratio.Max, figure.Goal) * 1.15;
        double X(double value) => RatioLeft + (value / axis * RatioWidth);
        var colour = ratio.Median >= figure.Goal ? Met : Missed;
        svg.AppendLine(Invariant($"""<rect x="{RatioLeft}" y="{y:F1}" width="{X(ratio.Median) - RatioLeft:F1}" height="22" fill="{colour}"/>"""))
           .AppendLine(Invariant($"""<line x1="{X(ratio.Min):F1}" y1="{y + 11:F1}" x2="{X(ratio.Max):F1}" y2="{y + 11:F1}" stroke="#1a202c" stroke-width="1"/>"""))
           .AppendLine(Invariant($"""<line x1="{X(figure.Goal):F1}" y1="{y - 5:F1}" x2="{X(figure.Goal):F1}" y2="{y + 27:F1}" stroke="#1a202c" stroke-width="2"/>"""))
           .AppendLine(Text(RatioLeft - 44, y + 16, ratio.Median.ToString("F2", CultureInfo.InvariantCulture), $"font-weight=\"bold\" fill=\"{colour}\""))
           .AppendLine(Text(X(figure.Goal) + 4, y + 36, "goal " + figure.Goal.ToString("0.##", CultureInfo.InvariantCulture), "fill=\"#6b7785\" font-size=\"10\""));
    }

    private static string Text(double x, double y, string text, string attributes = "") =>
        Invariant($"""<text x="{x:F1}" y="{y:F1}" {attributes}>{System.Security.SecurityElement.Escape(text)}</text>""");

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
