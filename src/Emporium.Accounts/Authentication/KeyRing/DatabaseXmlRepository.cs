using System.Xml;
using System.Xml.Linq;
using Dapper;
using Emporium.BuildingBlocks.Persistence;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;

namespace Emporium.Accounts.Authentication.KeyRing;

/// <summary>
/// The Data Protection key ring in <c>accounts_data_protection_keys</c>, so that every instance sharing
/// the database protects and opens cookies and tokens with the same keys (ADR 0010). Same SQL on both engines.
/// </summary>
/// <remarks>
/// The interface is synchronous and so are these calls: the key manager reads the whole ring when it
/// loads or refreshes it (at start-up, then about once a day, or when a payload names a key it has not
/// seen) and stores an element only when it makes a key, so no request pays for a round trip.
/// </remarks>
internal sealed class DatabaseXmlRepository(Database database, TimeProvider clock, ILogger<DatabaseXmlRepository> logger) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.Open();
        var rows = connection.Query<(string FriendlyName, string Xml)>(
            "SELECT friendly_name, xml FROM accounts_data_protection_keys ORDER BY created_at, friendly_name");

        var elements = new List<XElement>();
        foreach (var (friendlyName, xml) in rows)
        {
            try
            {
                elements.Add(XElement.Parse(xml));
            }
            catch (XmlException exception)
            {
                // One damaged row must not take every other key with it: what it protected fails to open, nothing else.
                logger.LogError(exception, "Data Protection key ring element {FriendlyName} is not valid XML and was skipped", friendlyName);
            }
        }

        return elements.AsReadOnly();
    }

    /// <summary>
    /// Stores <paramref name="element"/> under <paramref name="friendlyName"/>, once: a name already stored
    /// (the same key stored again, or by a second instance) keeps the first row.
    /// </summary>
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);

        // The key manager names every element; a missing name still gets a unique one, as on the file system.
        var name = string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString("D") : friendlyName;
        using var connection = database.Open();
        var stored = connection.Execute(
            """
            INSERT INTO accounts_data_protection_keys (friendly_name, xml, created_at)
            VALUES (@Name, @Xml, @CreatedAt)
            ON CONFLICT (friendly_name) DO NOTHING
            """,
            new { Name = name, Xml = element.ToString(SaveOptions.DisableFormatting), CreatedAt = clock.GetUtcNow().ToUnixTimeMilliseconds() });
        if (stored == 0)
        {
            logger.LogInformation("Data Protection key ring element {FriendlyName} was already stored; the stored one is kept", name);
        }
    }
}
