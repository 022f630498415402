using System.Data.Common;
using Emporium.Accounts.Users;
using Emporium.BuildingBlocks.Persistence;
using Emporium.BuildingBlocks.Security;

namespace Emporium.Accounts.Seeding;

/// <summary>
/// The demo accounts, seeded only with the demo data (<c>Emporium:DemoData</c>), never into a configured
/// production database unless asked. Their passwords are public (README): demo use only.
/// </summary>
internal sealed class DemoAccountsSeeder(Passwords passwords, TimeProvider clock) : IDataSeeder
{
    public const string Password = "Emporium-demo-1";

    /// <summary>
    /// Fixed ids: the seller's id is the seller id that owns the demo catalog's "Emporium Direct"
    /// products, so the demo seller can manage them.
    /// </summary>
    public static readonly IReadOnlyList<(string Id, string Email, string Name, string[] Roles)> Accounts =
    [
        ("usr_demo_customer", "customer@example.com", "Demo Customer", [Roles.Customer]),
        ("seller-emporium", "seller@example.com", "Emporium Direct", [Roles.Seller, Roles.Customer]),
        ("usr_demo_admin", "admin@example.com", "Demo Admin", [Roles.Admin, Roles.Customer]),
    ];

    public string Name => "accounts-demo";

    public int Order => 50;

    public async Task SeedAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var (id, email, name, roles) in Accounts)
        {
            // An email someone already registered keeps its owner: the demo account is skipped.
            await UserStore.InsertAsync(connection, transaction, new AccountUser(id, email, name, passwords.Hash(Password), clock.GetUtcNow(), roles), cancellationToken);
        }
    }
}
