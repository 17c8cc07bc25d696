global using System.Net;
global using IntegrationHub.Tests.Infrastructure;
global using Microsoft.AspNetCore.Builder;
global using Microsoft.Extensions.DependencyInjection;
