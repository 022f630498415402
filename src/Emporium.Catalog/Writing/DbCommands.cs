using System.Data.Common;

namespace Emporium.Catalog.Writing;

/// <summary>Prepared, reusable commands for bulk writes (seeding a million products), on either engine.</summary>
internal static class DbCommands
{
    public static DbCommand Create(DbConnection connection, DbTransaction transaction, string sql, params string[] parameterNames)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameterNames)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static void Set(this DbCommand command, string name, object? value) =>
        command.Parameters[name].Value = value ?? DBNull.Value;
}
