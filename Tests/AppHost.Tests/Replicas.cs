using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace AppHost.Tests;

/// <summary>
/// More processes of one project for the cross-replica tests (<c>filterapi-2</c>, <c>filterapi-3</c>…), each
/// addressable on its own port — unlike <c>WithReplicas</c>, whose replicas share one endpoint. A replica gets
/// the wiring <c>Program.cs</c> gave the original: its references, waits and environment.
/// </summary>
internal static class Replicas
{
    public static void Add(IDistributedApplicationTestingBuilder builder, string name, int count)
    {
        if (count <= 1 || builder.Resources.OfType<ProjectResource>().SingleOrDefault(r => r.Name == name) is not { } original)
        {
            return;
        }

        for (var replica = 2; replica <= count; replica++)
        {
            var copy = AddProjectLike(builder, original, $"{name}-{replica}")
                .WithHttpEndpoint(isProxied: false)
                .WithHttpHealthCheck("/health");
            // AddProject gave the copy the same built-in callbacks it gave the original; the rest came from Program.cs.
            var ownCallbacks = copy.Resource.Annotations.OfType<EnvironmentCallbackAnnotation>().Count();
            foreach (var callback in original.Annotations.OfType<EnvironmentCallbackAnnotation>().Skip(ownCallbacks))
            {
                // A new annotation around the same callback: one instance shared by two resources reached only one
                // of them at random (filterapi-2 started without ConnectionStrings__filterdb or Admin__Password).
                copy.WithAnnotation(new EnvironmentCallbackAnnotation(callback.Callback), ResourceAnnotationMutationBehavior.Append);
            }

            foreach (var annotation in original.Annotations.Where(a => a is WaitAnnotation or ResourceRelationshipAnnotation))
            {
                copy.WithAnnotation(annotation, ResourceAnnotationMutationBehavior.Append);
            }
        }
    }

    /// <summary>
    /// AddProject&lt;Projects.X&gt; for the original's generated type: that metadata is what makes DCP run a project
    /// with --no-build. Added by its path instead, the copy's <c>dotnet run</c> rebuilt the project the original
    /// was running, and never came up.
    /// </summary>
    private static IResourceBuilder<ProjectResource> AddProjectLike(IDistributedApplicationBuilder builder, ProjectResource original, string name)
    {
        var addProject = typeof(ProjectResourceBuilderExtensions).GetMethods()
            .Single(m => m is { Name: nameof(ProjectResourceBuilderExtensions.AddProject), IsGenericMethod: true }
                && m.GetParameters().Select(p => p.ParameterType).SequenceEqual([typeof(IDistributedApplicationBuilder), typeof(string), typeof(string)]));
        return (IResourceBuilder<ProjectResource>)addProject.MakeGenericMethod(original.GetProjectMetadata().GetType())
            .Invoke(null, [builder, name, null])!;
    }
}
