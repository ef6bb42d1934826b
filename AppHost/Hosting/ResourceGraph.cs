namespace AppHost.Hosting;

/// <summary>Which resources a run starts, and in which order: what each waits for or references comes first.</summary>
internal static class ResourceGraph
{
    /// <summary>The named resources and everything they wait for or reference.</summary>
    public static List<Resource> Select(List<Resource> all, IReadOnlyCollection<string>? only)
    {
        if (only is null)
        {
            return all;
        }

        var unknown = only.Where(n => all.All(r => r.Name != n)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown resources: {string.Join(", ", unknown)}");
        }

        var selected = new HashSet<Resource>();
        void Visit(Resource resource)
        {
            if (selected.Add(resource))
            {
                foreach (var dependency in resource.WaitsFor.Concat(resource.References).Concat(Parameters(resource)).Concat(resource.ParameterEnvironment.Values))
                {
                    Visit(dependency);
                }
            }
        }

        // Parameters are cheap and may be read by any resource's environment: always resolve them.
        foreach (var resource in only.Select(name => all.Single(r => r.Name == name)).Concat(all.OfType<ParameterResource>()))
        {
            Visit(resource);
        }

        return [.. all.Where(selected.Contains)];
    }

    private static IEnumerable<Resource> Parameters(Resource resource) => resource switch
    {
        MySqlServerResource server => [server.Password],
        MySqlDatabaseResource database => [database.Server],
        _ => [],
    };

    /// <summary>Dependencies first; the app model's order otherwise.</summary>
    public static List<Resource> StartOrder(List<Resource> resources)
    {
        var ordered = new List<Resource>();
        var visiting = new HashSet<Resource>();
        void Visit(Resource resource)
        {
            if (ordered.Contains(resource))
            {
                return;
            }

            if (!visiting.Add(resource))
            {
                throw new InvalidOperationException($"the app model has a cycle through '{resource.Name}'");
            }

            foreach (var dependency in resource.WaitsFor.Concat(Parameters(resource)).Where(resources.Contains))
            {
                Visit(dependency);
            }

            ordered.Add(resource);
        }

        resources.ForEach(Visit);
        return ordered;
    }
}
