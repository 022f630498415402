namespace Emporium.Bench;

/// <summary>
/// A broken invariant (an unexpected status, a lost or extra claim, subject and baseline disagreeing):
/// the figures are void and the run fails with exit code 1.
/// </summary>
internal sealed class InvariantException(string message) : Exception(message);
