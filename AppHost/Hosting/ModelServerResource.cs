namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// One of this repository's Python model servers (<c>model-servers/serve.py NAME</c>) on Debian's
/// <c>/usr/bin/python3</c>, whose libraries come from apt rather than PyPI.
/// </summary>
public sealed class ModelServerResource(string name, string workingDirectory)
    : ExecutableResource(name, Interpreter, workingDirectory), IResourceWithServiceDiscovery
{
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>Python modules the server imports, with the Debian package that provides each.</summary>
    public List<(string Module, string Package)> Modules { get; } =
        [("fastapi", "python3-fastapi"), ("uvicorn", "python3-uvicorn"), ("numpy", "python3-numpy")];
}
