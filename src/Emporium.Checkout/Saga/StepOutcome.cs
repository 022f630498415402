using Emporium.BuildingBlocks.Results;

namespace Emporium.Checkout.Saga;

/// <summary>
/// What running one step produced: an event to record, or a pause (a compensation could not run now,
/// e.g. the gateway is down; recovery tries again later, the saga keeps its place).
/// </summary>
internal sealed record StepOutcome(SagaEvent? Event, string? PauseReason)
{
    public static implicit operator StepOutcome(SagaEvent change) => new(change, null);

    public static StepOutcome Pause(string reason) => new(null, reason);

    /// <summary>A forward step's expected failure becomes the buyer's answer and turns the saga to compensation.</summary>
    public static StepOutcome Fail(SagaStep step, Error error) => new StepFailed(step, error);
}
