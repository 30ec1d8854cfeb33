using Grpc.Core;
using VetActors.Actors;
using VetActors.Grains.Clinics;
using VetActors.Grains.Identity;
using VetActors.GrpcApi.Security;
using VetActors.Protos.Portal.V1;

namespace VetActors.GrpcApi.Portal;

/// <summary>
/// The clinic's portal settings for its staff: anyone signed in reads them; changing them is back-office work (the Back
/// office permission: Site Administrators and Practice Managers, as for the clinic's other configuration).
/// </summary>
internal sealed class PortalSettingsService(IGrainFactory grains) : PortalSettings.PortalSettingsBase
{
    [Allow(Callers.StaffUser)]
    public override async Task<GetClinicSettingsResponse> GetClinicSettings(GetClinicSettingsRequest request, ServerCallContext context)
    {
        var view = await Settings(context).GetPortalViewAsync();
        return new GetClinicSettingsResponse { Settings = view.Settings.ToProto(), PimsSupportsServiceReminders = view.PimsSupportsServiceReminders };
    }

    [Allow(Callers.StaffUser, Permission = StaffPermissions.BackOffice)]
    public override async Task<UpdateClinicSettingsResponse> UpdateClinicSettings(UpdateClinicSettingsRequest request, ServerCallContext context)
    {
        var view = await Settings(context).UpdateAsync(HomeMapping.FromProto(request.Settings), context.GetStaffUserId());
        return new UpdateClinicSettingsResponse { Settings = view.Settings.ToProto(), PimsSupportsServiceReminders = view.PimsSupportsServiceReminders };
    }

    private IClinicSettingsGrain Settings(ServerCallContext context) =>
        grains.GetGrain<IClinicSettingsGrain>(ClinicSettingsKeys.For(context.GetClinicId()));
}
