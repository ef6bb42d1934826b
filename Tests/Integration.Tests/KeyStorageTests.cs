using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using AppHost.Tests;
using MySqlConnector;

namespace Integration.Tests;

/// <summary>What MySQL holds for keys, and how often FilterApi asks it.</summary>
[Collection(GatewayTests.Name)]
public sealed class KeyStorageTests(GatewayFixture gateway)
{
    [Fact]
    public async Task TheDatabaseHoldsNeitherThePlainKeyNorThePlainSecret()
    {
        var key = await gateway.First.IssueKeyAsync(requireSignature: true);

        await using var connection = new MySqlConnection(await gateway.Graph.GetConnectionStringAsync("filterdb"));
        await connection.OpenAsync();
        await using var command = new MySqlCommand("SELECT * FROM api_keys WHERE id = @id", connection);
        command.Parameters.AddWithValue("@id", key.Id);
        await using var row = await command.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());

        var columns = Enumerable.Range(0, row.FieldCount).ToDictionary(row.GetName, row.GetValue);
        var asText = columns.Values.Select(v => v is byte[] bytes ? Encoding.UTF8.GetString(bytes) : Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "");
        Assert.DoesNotContain(asText, v => v.Contains(key.Key, StringComparison.Ordinal) || v.Contains(key.Secret, StringComparison.Ordinal));
        Assert.DoesNotContain(asText, v => v.Contains(key.Secret[4..], StringComparison.Ordinal)); // not even without its prefix

        // What is there instead: the key's SHA-256, and the secret encrypted.
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key.Key)), (byte[])columns["key_hash"]);
        Assert.StartsWith("CfDJ8", (string)columns["protected_signing_secret"], StringComparison.Ordinal); // Data Protection's payload
        Assert.Equal(key.Key[..12], columns["prefix"]);
    }

    [Fact]
    public async Task KeyVerificationQueriesTheDatabaseOnlyForTheFirstRequest()
    {
        var key = await gateway.First.IssueKeyAsync();
        await using var log = await GeneralLog.EnableAsync(gateway.Graph);

        var before = await log.KeyLookupsAsync();
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(2000, (await gateway.First.FilterAsync(key.Key, "hello")).Code);
            Assert.Equal(2000, (await gateway.Second.FilterAsync(key.Key, "hello")).Code);
        }

        // The first request of the replica set read the key; the other 99 (on either replica) were served from the caches.
        var lookups = await log.KeyLookupsAsync();
        Assert.True(lookups.Count - before.Count == 1, string.Join("\n", lookups.Except(before)));

        // Last use reaches the row in batches (here every second per replica), not one write per request.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var writes = await log.LastUseWritesAsync(key.Id);
        Assert.InRange(writes.Count, 1, 10);
        using var shown = await gateway.First.AdminAsync(HttpMethod.Get, $"/api/v1/admin/keys/{key.Id}");
        var lastUsed = (await shown.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("lastUsedAt").GetDateTime();
        Assert.InRange(lastUsed, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddSeconds(5));
    }

    /// <summary>MariaDB's own record of every statement (general log to a table), switched on as root through the server's socket.</summary>
    private sealed class GeneralLog(TestGraph graph) : IAsyncDisposable
    {
        public static async Task<GeneralLog> EnableAsync(TestGraph graph)
        {
            var log = new GeneralLog(graph);
            await log.RootAsync("SET GLOBAL log_output = 'TABLE'; SET GLOBAL general_log = 1;");
            return log;
        }

        /// <summary>The key lookups the server has run, one line each (time, connection, statement).</summary>
        public async Task<IReadOnlyList<string>> KeyLookupsAsync()
        {
            var output = await RootAsync(
                "SELECT event_time, thread_id, REPLACE(argument, '\\n', ' ') FROM mysql.general_log "
                + "WHERE command_type = 'Query' AND argument LIKE 'SELECT%FROM `api_keys`%key_hash%' AND argument NOT LIKE '%general_log%';",
                skipColumnNames: true);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        /// <summary>The statements that wrote the last use of <paramref name="keyId"/>.</summary>
        public async Task<IReadOnlyList<string>> LastUseWritesAsync(string keyId)
        {
            var output = await RootAsync(
                "SELECT thread_id FROM mysql.general_log WHERE command_type = 'Query' AND argument LIKE 'UPDATE `api_keys`%last_used_at%' "
                + $"AND argument LIKE '%{keyId}%' AND argument NOT LIKE '%general_log%';",
                skipColumnNames: true);
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        public async ValueTask DisposeAsync() => await RootAsync("SET GLOBAL general_log = 0;");

        private async Task<string> RootAsync(string sql, bool skipColumnNames = false)
        {
            var socket = Path.Combine(graph.StateDirectoryOf("mysql"), "mysqld.sock");
            var start = new System.Diagnostics.ProcessStartInfo("mariadb") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { "--no-defaults", $"--socket={socket}", "-uroot", "-e", sql })
            {
                start.ArgumentList.Add(argument);
            }

            if (skipColumnNames)
            {
                start.ArgumentList.Add("--skip-column-names");
            }

            using var process = System.Diagnostics.Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, error);
            return output;
        }
    }
}
