using Emporium.BuildingBlocks.Results;
using Emporium.Contracts.Orders;
using Emporium.Orders.Model;
using Emporium.Orders.Storage;

namespace Emporium.Orders.Placing;

/// <summary>
/// <see cref="IOrderPlacement"/>: what checkout does to orders. Input is checked before anything is read;
/// a refusal changes nothing; every call is idempotent by order id.
/// </summary>
internal sealed class OrderPlacement(OrderStore store) : IOrderPlacement
{
    public const int MaxReasonLength = 500;

    public async Task<Result<OrderSnapshot>> PlaceAsync(PlaceOrder request, CancellationToken cancellationToken)
    {
        var valid = PlaceOrderRules.Validate(request);
        return valid.IsSuccess ? Unwrap(await store.PlaceAsync(valid.Value, cancellationToken)) : valid.Error!;
    }

    public async Task<Result<OrderSnapshot>> MarkPaidAsync(string orderId, string actor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        CheckActor(errors, actor);
        return errors.Any ? errors.ToError() : Unwrap(await store.ChangeAsync(orderId, new OrderCommand.MarkPaid(actor), owner: null, cancellationToken));
    }

    public async Task<Result<OrderSnapshot>> CancelAsync(string orderId, string reason, string actor, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        CheckActor(errors, actor);
        CheckReason(errors, reason, required: true);
        return errors.Any
            ? errors.ToError()
            : Unwrap(await store.ChangeAsync(orderId, new OrderCommand.Cancel(reason.Trim(), actor), owner: null, cancellationToken));
    }

    public async Task<Result<OrderSnapshot>> GetAsync(string orderId, CancellationToken cancellationToken) =>
        await store.FindAsync(orderId, cancellationToken) is { } order ? order : OrderDecider.Errors.NotFound;

    /// <summary>A reason recorded on a cancel or refund: at most <see cref="MaxReasonLength"/> characters; a blank optional one counts as absent.</summary>
    public static void CheckReason(ValidationErrors errors, string? reason, bool required)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var trimmed = reason?.Trim();
        if ((required && string.IsNullOrEmpty(trimmed)) || trimmed?.Length > MaxReasonLength)
        {
            errors.Add("reason", required ? $"Required: 1 to {MaxReasonLength} characters." : $"At most {MaxReasonLength} characters.");
        }
    }

    private static void CheckActor(ValidationErrors errors, string? actor)
    {
        if (string.IsNullOrWhiteSpace(actor) || actor.Length > OrderActor.MaxLength)
        {
            errors.Add("actor", $"Who acts: 1 to {OrderActor.MaxLength} characters.");
        }
    }

    private static Result<OrderSnapshot> Unwrap(Result<OrderChange> change) => change.IsSuccess ? change.Value.Order : change.Error!;
}
