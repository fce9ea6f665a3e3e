"""The native Pulumi provider plugin (``pulumi-resource-novita``) on the resources' shared
core: see :mod:`.provider` (the calls), :mod:`.schema` (the package schema), :mod:`.server`
(the executable)."""
