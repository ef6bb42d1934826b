using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Integration.Tests;

/// <summary>Settings a test gives the graph's services before it starts (shorter intervals, smaller queues).</summary>
internal static class GraphEnvironment
{
    /// <summary>
    /// Sets <paramref name="variables"/> on every project whose name starts with <paramref name="prefix"/>
    /// (<c>filterapi</c> reaches <c>filterapi-2</c> too; an empty prefix reaches all of them).
    /// </summary>
    public static void Set(IDistributedApplicationTestingBuilder builder, string prefix, params (string Name, string Value)[] variables)
    {
        foreach (var project in builder.Resources.OfType<ProjectResource>().Where(p => p.Name.StartsWith(prefix, StringComparison.Ordinal)).ToList())
        {
            var resource = builder.CreateResourceBuilder(project);
            foreach (var (name, value) in variables)
            {
                resource.WithEnvironment(name, value);
            }
        }
    }
}
