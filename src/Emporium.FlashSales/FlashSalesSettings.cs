using Microsoft.Extensions.Configuration;

namespace Emporium.FlashSales;

/// <summary>Settings under <c>Emporium:FlashSales</c>.</summary>
internal sealed record FlashSalesSettings
{
    public const string Section = "Emporium:FlashSales";

    /// <summary>How long a buyer has to pay a claim (<c>ClaimDeadlineMinutes</c>).</summary>
    public TimeSpan ClaimDeadline { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Time after the last claim's deadline for a checkout already paying it to finish
    /// (<c>CheckoutGraceMinutes</c>); then the sale settles and its allotment's remainder goes back to the shelf.
    /// </summary>
    public TimeSpan CheckoutGrace { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Most claims written in one transaction (<c>ClaimBatchSize</c>). 1 writes every claim in its own
    /// transaction: the baseline the group-commit benchmark compares with.
    /// </summary>
    public int ClaimBatchSize { get; init; } = 512;

    /// <summary>How often unpaid claims are expired and sales settled (<c>SweepSeconds</c>).</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an admitted ticket's purchase token is valid (<c>PurchaseTokenSeconds</c>).</summary>
    public TimeSpan PurchaseTokenLifetime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The waiting room holds at most this many tickets per unit of the allotment (<c>QueueCapFactor</c>).</summary>
    public int QueueCapFactor { get; init; } = 3;

    /// <summary>
    /// How far ahead the allotment's hold is kept (<c>AllotmentHoldHours</c>): a sale far in the future
    /// is renewed by the sweep instead of asking inventory for one very long hold.
    /// </summary>
    public TimeSpan AllotmentHold { get; init; } = TimeSpan.FromHours(12);

    public static FlashSalesSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var defaults = new FlashSalesSettings();
        return new FlashSalesSettings
        {
            ClaimDeadline = TimeSpan.FromMinutes(Positive(section, "ClaimDeadlineMinutes", defaults.ClaimDeadline.TotalMinutes)),
            CheckoutGrace = TimeSpan.FromMinutes(Positive(section, "CheckoutGraceMinutes", defaults.CheckoutGrace.TotalMinutes)),
            ClaimBatchSize = (int)Positive(section, "ClaimBatchSize", defaults.ClaimBatchSize),
            SweepInterval = TimeSpan.FromSeconds(Positive(section, "SweepSeconds", defaults.SweepInterval.TotalSeconds)),
            PurchaseTokenLifetime = TimeSpan.FromSeconds(Positive(section, "PurchaseTokenSeconds", defaults.PurchaseTokenLifetime.TotalSeconds)),
            QueueCapFactor = (int)Positive(section, "QueueCapFactor", defaults.QueueCapFactor),
            AllotmentHold = TimeSpan.FromHours(Positive(section, "AllotmentHoldHours", defaults.AllotmentHold.TotalHours)),
        };
    }

    private static double Positive(IConfiguration section, string key, double fallback)
    {
        var value = section.GetValue(key, fallback);
        return value > 0 ? value : throw new InvalidOperationException($"{Section}:{key} must be positive; it is {value}.");
    }
}
