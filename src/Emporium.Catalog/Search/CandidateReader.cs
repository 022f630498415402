using System.Data.Common;
using System.Globalization;

namespace Emporium.Catalog.Search;

/// <summary>
/// Reads candidate rows by position: a common word matches tens of thousands of rows, and the two
/// engines hand back different integer widths (SQLite: always 64-bit; PostgreSQL: as declared).
/// </summary>
internal static class CandidateReader
{
    public static async Task<List<Candidate>> ReadAllAsync(DbConnection connection, string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var candidates = new List<Candidate>();
        while (await reader.ReadAsync(cancellationToken))
        {
            candidates.Add(new Candidate(
                Id: reader.GetInt64(0),
                Score: Convert.ToDouble(reader.GetValue(7), CultureInfo.InvariantCulture),
                BrandId: reader.GetInt64(1),
                CategoryId: reader.GetInt64(2),
                Price: reader.GetInt64(3),
                Rating: reader.GetDouble(4),
                RatingCount: Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
                CreatedAt: reader.GetInt64(6)));
        }

        return candidates;
    }

    public static void AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
