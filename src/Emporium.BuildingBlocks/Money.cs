namespace Emporium.BuildingBlocks;

/// <summary>
/// An amount of money in integer minor units (cents for USD) with its ISO 4217 currency code.
/// Money is never a floating-point number anywhere in Emporium.
/// </summary>
public readonly record struct Money(long Amount, string Currency)
{
    public static Money Zero(string currency) => new(0, currency);

    public Money Add(Money other)
    {
        EnsureSameCurrency(other);
        return this with { Amount = checked(Amount + other.Amount) };
    }

    public Money Multiply(int quantity) => this with { Amount = checked(Amount * quantity) };

    private void EnsureSameCurrency(Money other)
    {
        if (!string.Equals(Currency, other.Currency, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Cannot combine {Currency} with {other.Currency}.");
        }
    }

    public override string ToString() => $"{Amount} {Currency}";
}
