using Microsoft.Data.Sqlite;

namespace Charla.Storage.Sqlite;

/// <summary>Commands the writer runs again and again: prepared once, parameters set by position.</summary>
internal static class PreparedCommands
{
    public static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
