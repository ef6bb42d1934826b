using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace AppHost.Tests;

/// <summary>Trims the app model to named resources and everything they reference, wait for or live inside.</summary>
internal static class Subgraph
{
    public static void KeepOnly(IDistributedApplicationTestingBuilder builder, IEnumerable<string> names)
    {
        var byName = builder.Resources.ToDictionary(r => r.Name);
        var keep = new HashSet<IResource>();
        var pending = new Stack<IResource>(names.Select(n => byName[n]));
        while (pending.TryPop(out var resource))
        {
            if (!keep.Add(resource))
            {
                continue;
            }

            foreach (var dependency in DependenciesOf(resource))
            {
                pending.Push(dependency);
            }
        }

        foreach (var resource in builder.Resources.Where(r => !keep.Contains(r) && r is not ParameterResource).ToList())
        {
            builder.Resources.Remove(resource);
        }
    }

    private static IEnumerable<IResource> DependenciesOf(IResource resource)
    {
        foreach (var wait in resource.Annotations.OfType<WaitAnnotation>())
        {
            yield return wait.Resource;
        }

        foreach (var relationship in resource.Annotations.OfType<ResourceRelationshipAnnotation>())
        {
            yield return relationship.Resource;
        }

        if (resource is IResourceWithParent child)
        {
            yield return child.Parent;
        }
    }
}
