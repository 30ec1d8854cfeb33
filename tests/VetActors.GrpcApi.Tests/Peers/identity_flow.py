#!/usr/bin/python3
"""Drives onboarding and sign-in end to end with an independent gRPC client (Debian's python3-grpcio).

create clinic -> invite admin -> accept invitation (token read from the pickup folder's .eml) -> practice
login -> user login -> add a staff member -> that member accepts -> logout -> the old session token is refused
by every service; plus the precise statuses of bad input. The protos are compiled at run time from the
repository's protos/ folder with grpc_tools.protoc. Prints one JSON object with what it saw; exits non-zero
only when it could not run.
"""
import argparse
import email
import glob
import importlib.util
import json
import os
import re
import sys
import tempfile
import time

import grpc
from grpc_tools import protoc

API_PROTOS = ["vet/v1/common.proto", "vet/v1/identity.proto", "vet/v1/admin.proto", "vet/v1/staff_access.proto"]
ERROR_PROTOS = ["google/rpc/status.proto", "google/rpc/error_details.proto"]
TOKEN = re.compile(r"vi~[A-Za-z0-9._-]+~[A-Za-z0-9_-]+~[A-Za-z0-9_-]+")


def compile_protos(proto_root, out_dir):
    include = os.path.join(os.path.dirname(protoc.__file__), "_proto")
    args = ["protoc", "-I" + proto_root, "-I" + include, "--python_out=" + out_dir, "--grpc_python_out=" + out_dir]
    if protoc.main(args + API_PROTOS + ERROR_PROTOS) != 0:
        raise SystemExit("protoc failed")
    sys.path.insert(0, out_dir)


def load_file_module(path, name):
    # The generated google/rpc package would be shadowed by the installed 'google' package: load by file.
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def wait_for_token(pickup, address, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in sorted(glob.glob(os.path.join(pickup, "*.eml")), reverse=True):
            with open(path, "rb") as handle:
                message = email.message_from_binary_file(handle)
            if message["To"] == address:
                body = message.get_payload(decode=True).decode("utf-8")
                found = TOKEN.search(body)
                if found:
                    return found.group(0)
        time.sleep(0.1)
    raise SystemExit("no invitation for %s in %s" % (address, pickup))


def status_of(call):
    try:
        call()
        return "OK"
    except grpc.RpcError as error:
        return error.code().name


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--target", required=True)
    parser.add_argument("--protos", required=True)
    parser.add_argument("--internal-key", required=True)
    parser.add_argument("--pickup", required=True)
    args = parser.parse_args()

    out_dir = tempfile.mkdtemp(prefix="vetactors-peer-")
    compile_protos(args.protos, out_dir)
    from vet.v1 import admin_pb2, admin_pb2_grpc, common_pb2, identity_pb2, identity_pb2_grpc, staff_access_pb2, staff_access_pb2_grpc
    rpc_status = load_file_module(os.path.join(out_dir, "google/rpc/status_pb2.py"), "peer_rpc_status_pb2")
    error_details = load_file_module(os.path.join(out_dir, "google/rpc/error_details_pb2.py"), "peer_rpc_error_details_pb2")

    result = {}
    with grpc.insecure_channel(args.target) as channel:
        admin = admin_pb2_grpc.ClinicAdminStub(channel)
        sign_in = identity_pb2_grpc.SignInStub(channel)
        staff = staff_access_pb2_grpc.StaffAccessStub(channel)
        internal = [("authorization", "Bearer " + args.internal_key)]

        def bearer(token):
            return [("authorization", "Bearer " + token)]

        clinic = admin_pb2.Clinic(
            clinic_id="e2e-clinic", name="Riverside Veterinary", address="1 River Road", phone="+1 555 010 0199",
            website="https://riverside.example", hours="Mon-Fri 8-18", time_zone="America/Chicago",
            sms_number="+1 555 010 0100", pims_kind=admin_pb2.PIMS_KIND_AVIMARK, practice_id="RIVERSIDE")
        created = admin.CreateClinic(admin_pb2.CreateClinicRequest(clinic=clinic, practice_password="front desk password 1"), metadata=internal, timeout=30)
        result["created_clinic"] = created.clinic_id

        admin.InviteSiteAdministrator(admin_pb2.InviteSiteAdministratorRequest(
            clinic_id="e2e-clinic", username="ada", name="Ada Admin", email="ada@riverside.example"), metadata=internal, timeout=30)
        accepted = sign_in.AcceptInvitation(identity_pb2.AcceptInvitationRequest(
            token=wait_for_token(args.pickup, "ada@riverside.example"), password="correct horse battery"), timeout=30)
        result["admin_accepted"] = accepted.username

        result["wrong_practice_password"] = status_of(lambda: sign_in.PracticeLogin(
            identity_pb2.PracticeLoginRequest(practice_id="RIVERSIDE", practice_password="not the password"), timeout=30))
        practice = sign_in.PracticeLogin(identity_pb2.PracticeLoginRequest(
            practice_id="RIVERSIDE", practice_password="front desk password 1"), timeout=30).session.token
        login = sign_in.UserLogin(identity_pb2.UserLoginRequest(username="ada", password="correct horse battery"), metadata=bearer(practice), timeout=30)
        admin_token = login.session.token
        result["admin_role"] = common_pb2.StaffRole.Name(login.role)

        member = staff.AddStaffMember(staff_access_pb2.AddStaffMemberRequest(
            username="vet1", name="Val Vet", email="vet1@riverside.example", role=common_pb2.STAFF_ROLE_STAFF, apply_refund=True),
            metadata=bearer(admin_token), timeout=30)
        result["member_status"] = staff_access_pb2.StaffMemberStatus.Name(member.status)
        result["duplicate_username"] = status_of(lambda: staff.AddStaffMember(staff_access_pb2.AddStaffMemberRequest(
            username="VET1", name="Other", email="other@riverside.example", role=common_pb2.STAFF_ROLE_STAFF), metadata=bearer(admin_token), timeout=30))
        try:
            staff.AddStaffMember(staff_access_pb2.AddStaffMemberRequest(
                username="vet2", name="Other", email="not-an-email", role=common_pb2.STAFF_ROLE_STAFF), metadata=bearer(admin_token), timeout=30)
            result["malformed_email"] = "OK"
        except grpc.RpcError as error:
            result["malformed_email"] = error.code().name
            details = dict(error.trailing_metadata() or ()).get("grpc-status-details-bin")
            status = rpc_status.Status.FromString(details)
            bad_request = error_details.BadRequest()
            status.details[0].Unpack(bad_request)
            result["malformed_email_fields"] = [v.field for v in bad_request.field_violations]

        sign_in.AcceptInvitation(identity_pb2.AcceptInvitationRequest(
            token=wait_for_token(args.pickup, "vet1@riverside.example"), password="another good password"), timeout=30)
        vet_token = sign_in.UserLogin(identity_pb2.UserLoginRequest(
            username="vet1", password="another good password"), metadata=bearer(practice), timeout=30).session.token
        result["member_who_am_i"] = sign_in.WhoAmI(identity_pb2.WhoAmIRequest(), metadata=bearer(vet_token), timeout=30).username

        sign_in.Logout(identity_pb2.LogoutRequest(), metadata=bearer(admin_token), timeout=30)
        result["after_logout"] = {
            "SignIn/WhoAmI": status_of(lambda: sign_in.WhoAmI(identity_pb2.WhoAmIRequest(), metadata=bearer(admin_token), timeout=30)),
            "StaffAccess/ListStaff": status_of(lambda: staff.ListStaff(staff_access_pb2.ListStaffRequest(), metadata=bearer(admin_token), timeout=30)),
            "StaffAccess/ReadAuditLog": status_of(lambda: staff.ReadAuditLog(staff_access_pb2.ReadAuditLogRequest(), metadata=bearer(admin_token), timeout=30)),
            "ClinicAdmin/ListClinics": status_of(lambda: admin.ListClinics(admin_pb2.ListClinicsRequest(), metadata=bearer(admin_token), timeout=30)),
            "SignIn/SwitchUser": status_of(lambda: sign_in.SwitchUser(identity_pb2.UserLoginRequest(
                username="vet1", password="another good password"), metadata=bearer(admin_token), timeout=30)),
        }
        result["member_still_signed_in"] = status_of(lambda: sign_in.WhoAmI(identity_pb2.WhoAmIRequest(), metadata=bearer(vet_token), timeout=30))

    print(json.dumps(result, sort_keys=True))


if __name__ == "__main__":
    main()
