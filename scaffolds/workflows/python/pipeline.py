"""The {{ container }} step of the {{ pipeline }} pipeline ({{ lifecycle }}/{{ action }}).

Kratix mounts the {{ object }} at /kratix/input/object.yaml and schedules the
files written to /kratix/output/. Files from resources/ are at /resources.
"""
import kratix_sdk as ks


def main():
    sdk = ks.KratixSDK()
    if sdk.is_promise_workflow():
        print(f"{{ pipeline }}/{{ container }}: promise {sdk.promise_name()}")
        return
    resource = sdk.read_resource_input()
    print(f"{{ pipeline }}/{{ container }}: handling {resource.get_name()} in {resource.get_namespace()}")


if __name__ == "__main__":
    main()
