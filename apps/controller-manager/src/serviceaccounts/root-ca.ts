/**
 * The cluster's root CA bundle, published as `kube-root-ca.crt` in every namespace. kubesim serves
 * plain HTTP and signs nothing, so this is a fixed self-signed certificate (CN=kubesim-ca, P-256,
 * generated once with openssl): a real PEM a client can parse, nothing more (docs/decisions.md).
 */
export const ROOT_CA_PEM = `-----BEGIN CERTIFICATE-----
MIIBkTCCATegAwIBAgIUMh+0lISNo42VKyKk86LLsJEzcW0wCgYIKoZIzj0EAwIw
FTETMBEGA1UEAwwKa3ViZXNpbS1jYTAgFw0yNjEyMDEyMzIzMDBaGA8yMTI2MTEw
NzIzMjMwMFowFTETMBEGA1UEAwwKa3ViZXNpbS1jYTBZMBMGByqGSM49AgEGCCqG
SM49AwEHA0IABLFhPGSEf26ocWOw1KlYHTpmbGOwpVg18VIU6vH5h3zICqIl+XVT
sl/Xd44EJSQhdbdEQlPz0bgsnoUUgUsUwtajYzBhMB0GA1UdDgQWBBSZpyAAzPLX
8ynqFldt1O2X5gVaxzAfBgNVHSMEGDAWgBSZpyAAzPLX8ynqFldt1O2X5gVaxzAP
BgNVHRMBAf8EBTADAQH/MA4GA1UdDwEB/wQEAwICpDAKBggqhkjOPQQDAgNIADBF
AiAmY00ww6FpuyAYG4qBTar6nYor5ce66DPeqko9icTyMwIhAMfde9cEgoExxTaL
NCBp3OodBrnBE39COAMnultRdb0x
-----END CERTIFICATE-----
`;
