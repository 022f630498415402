using System.Data.Common;
using Emporium.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Emporium.Accounts.Authentication.KeyRing;

/// <summary>
/// Makes the shared key ring's first key at start-up, under the start-up lock, so that instances starting
/// together on an empty database all find that one key instead of each making its own on first use.
/// </summary>
/// <remarks>
/// Several first keys would still work (the key manager reads every key and any of them opens what it
/// protected); this only keeps the ring to one key per rotation. Later rotations are Data Protection's
/// own: it makes the next key two days before the current one expires. The key goes in through the key
/// manager and the repository's own connection, not the seeding transaction: the key ring is the
/// framework's, and the row it writes is idempotent on its name anyway.
/// </remarks>
internal sealed class FirstKeySeeder(IKeyManager keys, IOptions<KeyManagementOptions> options, ILogger<FirstKeySeeder> logger) : IDataSeeder
{
    public string Name => "accounts-key-ring";

    /// <summary>Before the demo accounts: nothing depends on it, but keys come first.</summary>
    public int Order => 10;

    public Task SeedAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        // Data Protection decides which key is active with the system clock (it takes no TimeProvider),
        // so the first key is dated by the same clock, not the host's injected one.
        var now = DateTimeOffset.UtcNow;
        var usable = keys.GetAllKeys().Any(key => !key.IsRevoked && key.ActivationDate <= now && key.ExpirationDate > now);
        if (!usable)
        {
            var key = keys.CreateNewKey(activationDate: now, expirationDate: now + options.Value.NewKeyLifetime);
            logger.LogInformation("Created the first Data Protection key {KeyId}, valid until {Expiration}", key.KeyId, key.ExpirationDate);
        }

        return Task.CompletedTask;
    }
}
