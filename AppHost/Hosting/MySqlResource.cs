namespace AppHost.Hosting;

/// <summary>
/// <c>mariadbd</c> (MySQL-compatible) with a data directory initialised on first run; databases and their user are
/// created once it is healthy. Root logs in only through the server's own socket.
/// </summary>
public sealed class MySqlServerResource(string name, ParameterResource password) : Resource(name)
{
    public const string User = "gateway";

    public List<MySqlDatabaseResource> Databases { get; } = [];

    public ParameterResource Password { get; } = password;

    private string DataDirectory => Path.Combine(StateDirectory, "data");

    private string Socket => Path.Combine(StateDirectory, "mysqld.sock");

    private string TemporaryDirectory => Path.Combine(StateDirectory, "tmp");

    public override string ConnectionString => $"Server=127.0.0.1;Port={Port};User ID={User};Password={Password.Value}";

    public override IEnumerable<(string Command, string Package)> Prerequisites =>
        [("mariadbd", "mariadb-server"), ("mariadb-install-db", "mariadb-server"), ("mariadb", "mariadb-client")];

    public MySqlDatabaseResource AddDatabase(string databaseName)
    {
        var database = new MySqlDatabaseResource(databaseName, this);
        Databases.Add(database);
        return database;
    }

    public override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(Path.Combine(DataDirectory, "mysql")))
        {
            return; // a second run reuses the data
        }

        Directory.CreateDirectory(DataDirectory);
        Directory.CreateDirectory(TemporaryDirectory);

        // No system my.cnf, and a temporary folder of its own: two graphs initialising at once (parallel
        // tests) collided on temporary tables in the shared /tmp.
        await RunToEndAsync("mariadb-install-db",
            ["--no-defaults", "--datadir=" + DataDirectory, "--tmpdir=" + TemporaryDirectory, "--user=" + System.Environment.UserName,
             "--auth-root-authentication-method=socket", "--skip-test-db"],
            cancellationToken);
    }

    public override ProcessSpec CreateProcess() => new(
        "mariadbd",
        [
            "--no-defaults", "--datadir=" + DataDirectory, "--port=" + Port, "--bind-address=127.0.0.1",
            "--socket=" + Socket, "--pid-file=" + Path.Combine(StateDirectory, "mysqld.pid"), "--tmpdir=" + TemporaryDirectory,
            "--user=" + System.Environment.UserName, "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
        ],
        StateDirectory,
        new Dictionary<string, string>());

    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) =>
        // The handshake packet is the server's first word; any answer on the port means it accepts connections.
        Probes.TcpExchangeAsync(Port, "", "", cancellationToken);

    public override async Task OnHealthyAsync(CancellationToken cancellationToken)
    {
        var password = Password.Value.Replace("'", "''", StringComparison.Ordinal);
        var statements = string.Join(' ', Databases.Select(d => $"CREATE DATABASE IF NOT EXISTS `{d.DatabaseName}` CHARACTER SET utf8mb4;"))
            + $" CREATE USER IF NOT EXISTS '{User}'@'%' IDENTIFIED BY '{password}';"
            + $" ALTER USER '{User}'@'%' IDENTIFIED BY '{password}';"
            + string.Concat(Databases.Select(d => $" GRANT ALL ON `{d.DatabaseName}`.* TO '{User}'@'%';"));
        await RunToEndAsync("mariadb", ["--no-defaults", "--socket=" + Socket, "-uroot", "-e", statements], cancellationToken);
    }

    private static async Task RunToEndAsync(string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await ProcessRunner.RunToEndAsync(fileName, arguments, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} failed with exit code {exitCode}: {output}");
        }
    }
}

/// <summary>A database inside a MySQL server: referencing it gives <c>ConnectionStrings__{name}</c> with the database set.</summary>
public sealed class MySqlDatabaseResource(string name, MySqlServerResource server) : Resource(name)
{
    public MySqlServerResource Server { get; } = server;

    public string DatabaseName => Name;

    public override string ConnectionString => $"{Server.ConnectionString};Database={DatabaseName}";

    public override ProcessSpec? CreateProcess() => null;

    public override Task<bool> IsHealthyAsync(CancellationToken cancellationToken) => Server.IsHealthyAsync(cancellationToken);
}
