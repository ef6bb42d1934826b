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
            var copy = builder.AddProject($"{name}-{replica}", original.GetProjectMetadata().ProjectPath, launchProfileName: null)
                .WithHttpEndpoint(isProxied: false)
                .WithHttpHealthCheck("/health");
            // AddProject gave the copy the same built-in callbacks it gave the original; the rest came from Program.cs.
            var ownCallbacks = copy.Resource.Annotations.OfType<EnvironmentCallbackAnnotation>().Count();
            foreach (var callback in original.Annotations.OfType<EnvironmentCallbackAnnotation>().Skip(ownCallbacks))
            {
                copy.WithAnnotation(callback, ResourceAnnotationMutationBehavior.Append);
            }

            foreach (var annotation in original.Annotations.Where(a => a is WaitAnnotation or ResourceRelationshipAnnotation))
            {
                copy.WithAnnotation(annotation, ResourceAnnotationMutationBehavior.Append);
            }
        }
    }
}
